package org.provenant.indicators.file.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fields that name an AI generator, each quoted as found:
 * <ul>
 * <li>PNG text chunks of Stable Diffusion front ends: {@code parameters} (AUTOMATIC1111 / Forge web UI: prompt,
 * then "Steps: ..., Sampler: ..."), ComfyUI's {@code prompt} and {@code workflow} (node graphs in JSON),
 * NovelAI's {@code Software} = "NovelAI" and {@code Comment} (JSON with steps, sampler), InvokeAI's
 * {@code invokeai_metadata} / {@code sd-metadata} / {@code Dream};</li>
 * <li>the IPTC digital source type (XMP {@code Iptc4xmpExt:DigitalSourceType}, also in C2PA actions) with the
 * values {@code trainedAlgorithmicMedia} or {@code compositeWithTrainedAlgorithmicMedia};</li>
 * <li>a Software / CreatorTool / Source field naming a known generator.</li>
 * </ul>
 * A found trace is explicit evidence: the file says which generator wrote it (its LR, from counts, in
 * MetadataIndicator). None found is no evidence either way: such fields are easily removed.
 */
final class GeneratorTraces {
    /** Generator names looked for in software fields (lower case). */
    static final List<String> GENERATORS = List.of("stable diffusion", "novelai", "midjourney", "dall-e", "dall·e",
            "dalle", "adobe firefly", "firefly", "comfyui", "automatic1111", "invokeai", "fooocus", "leonardo.ai",
            "ideogram", "flux.1", "imagen", "bing image creator", "image creator from designer", "craiyon",
            "dreamstudio", "nightcafe", "openai", "chatgpt", "gpt-4o", "gemini", "wombo", "playground ai", "krea");
    private static final List<String> SOFTWARE_TAGS = List.of("software", "creatortool", "creator tool", "source",
            "processing software", "generator", "xmp:creatortool", "tiff:software", "photoshop:source");

    /** One trace: what it says in words, the field, the quoted value. */
    record Trace(String what, String field, String quote) {
        String sentence() {
            return what + ": " + field + " = \"" + shorten(quote) + "\"";
        }
    }

    private GeneratorTraces() { }

    static List<Trace> find(Map<String, String> fields) {
        List<Trace> out = new ArrayList<>();
        for (Map.Entry<String, String> e : fields.entrySet()) {
            String field = e.getKey(), value = e.getValue();
            String key = tagOf(field).toLowerCase(Locale.ROOT), v = value.toLowerCase(Locale.ROOT);
            boolean png = field.startsWith("PNG");
            if (png && key.equals("parameters") && (v.contains("steps:") || v.contains("sampler:") || v.contains("cfg scale"))) {
                out.add(new Trace("Stable Diffusion web UI (AUTOMATIC1111/Forge) generation parameters", field, value));
            } else if (png && (key.equals("prompt") || key.equals("workflow")) && (v.contains("class_type") || v.contains("\"nodes\""))) {
                out.add(new Trace("ComfyUI node graph (" + key + ")", field, value));
            } else if (png && key.equals("comment") && v.contains("\"steps\"") && (v.contains("\"sampler\"") || v.contains("\"scale\""))) {
                out.add(new Trace("NovelAI generation settings", field, value));
            } else if (png && (key.equals("invokeai_metadata") || key.equals("sd-metadata") || key.equals("dream"))) {
                out.add(new Trace("InvokeAI generation metadata", field, value));
            } else if (key.contains("digitalsourcetype") && (v.contains("trainedalgorithmicmedia"))) {
                out.add(new Trace(v.contains("compositewithtrainedalgorithmicmedia")
                        ? "IPTC digital source type: composite with AI-generated (trained algorithmic) media"
                        : "IPTC digital source type: AI-generated (trained algorithmic) media", field, value));
            } else if (SOFTWARE_TAGS.stream().anyMatch(key::endsWith)) {
                for (String g : GENERATORS) {
                    if (containsWord(v, g)) {
                        out.add(new Trace("software field names the generator '" + g + "'", field, value));
                        break;
                    }
                }
            }
        }
        return out;
    }

    static String tagOf(String field) {
        int i = field.lastIndexOf(" / ");
        return i < 0 ? field : field.substring(i + 3);
    }

    static boolean containsWord(String text, String word) {
        int i = text.indexOf(word);
        while (i >= 0) {
            boolean before = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
            int end = i + word.length();
            boolean after = end >= text.length() || !Character.isLetterOrDigit(text.charAt(end));
            if (before && after) return true;
            i = text.indexOf(word, i + 1);
        }
        return false;
    }

    static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 160 ? one.substring(0, 160) + "..." : one;
    }
}
