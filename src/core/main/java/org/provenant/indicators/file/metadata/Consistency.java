package org.provenant.indicators.file.metadata;

import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * Consistency findings in words: editing software, dates that disagree, the size the camera wrote against the
 * picture's, camera make against the JPEG tables, GPS position. Findings, not verdicts: real photos are routinely
 * processed, resized and re-saved.
 */
final class Consistency {
    /** Editing programs looked for in software fields and XMP history (lower case). */
    static final List<String> EDITORS = List.of("photoshop", "lightroom", "gimp", "affinity photo", "pixelmator",
            "capture one", "snapseed", "picsart", "paint.net", "luminar", "darktable", "rawtherapee", "digikam", "canva",
            "facetune", "vsco", "photopea", "acdsee", "corel", "paintshop", "polarr", "meitu", "photoscape", "fotor",
            "krita", "inkscape", "imagemagick", "graphicsmagick", "photos 1.", "windows photo editor");

    /** One finding: a kind (Software, Dates, Size, Tables, GPS, Thumbnail, Generator) and its sentence. */
    record Finding(String kind, String sentence) { }

    private Consistency() { }

    static List<Finding> editingSoftware(Map<String, String> fields) {
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, String> e : editorFields(fields)) {
            out.add(new Finding("Software", "The file was written or passed through editing software: "
                    + e.getKey() + " = \"" + GeneratorTraces.shorten(e.getValue()) + "\". Real photos are routinely "
                    + "processed, so this says the file was handled by an editor, not that its content was changed."));
        }
        return out;
    }

    /** The software fields (at most 5) whose value names an editing program. */
    static List<Map.Entry<String, String>> editorFields(Map<String, String> fields) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Map.Entry<String, String> e : fields.entrySet()) {
            String key = GeneratorTraces.tagOf(e.getKey()).toLowerCase(Locale.ROOT), v = e.getValue().toLowerCase(Locale.ROOT);
            boolean softwareField = key.endsWith("software") || key.endsWith("creatortool") || key.endsWith("softwareagent")
                    || key.equals("creator tool");
            if (softwareField && EDITORS.stream().anyMatch(v::contains)) out.add(e);
            if (out.size() >= 5) break;
        }
        return out;
    }

    /**
     * The camera the EXIF names: make and model ("Apple iPhone 7"), the model alone when it repeats the make
     * ("Canon EOS 5D"); null when there is no make.
     */
    static String camera(Metadata md) {
        ExifIFD0Directory ifd0 = md == null ? null : md.getFirstDirectoryOfType(ExifIFD0Directory.class);
        String make = ifd0 == null ? null : ifd0.getString(ExifIFD0Directory.TAG_MAKE);
        String model = ifd0 == null ? null : ifd0.getString(ExifIFD0Directory.TAG_MODEL);
        if (make == null || make.isBlank()) return null;
        make = make.strip();
        model = model == null ? "" : model.strip();
        String firstWord = make.split("\\s+")[0];
        if (model.regionMatches(true, 0, firstWord, 0, firstWord.length())) return model;
        return (make + " " + model).strip();
    }

    static List<Finding> dates(Metadata md) {
        List<Finding> out = new ArrayList<>();
        ExifSubIFDDirectory sub = md.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        ExifIFD0Directory ifd0 = md.getFirstDirectoryOfType(ExifIFD0Directory.class);
        TimeZone utc = TimeZone.getTimeZone("UTC");
        Date original = sub == null ? null : sub.getDate(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL, utc);
        Date digitized = sub == null ? null : sub.getDate(ExifSubIFDDirectory.TAG_DATETIME_DIGITIZED, utc);
        Date modified = ifd0 == null ? null : ifd0.getDate(ExifIFD0Directory.TAG_DATETIME, utc);
        if (original != null && modified != null) {
            long s = (modified.getTime() - original.getTime()) / 1000;
            if (s < -60) {
                out.add(new Finding("Dates", "The modification date (" + fmt(modified) + ") is before the date the photo was taken ("
                        + fmt(original) + "): the dates contradict each other (a clock set wrong, or edited metadata)."));
            } else if (s > 60) {
                out.add(new Finding("Dates", "The file was modified " + span(s) + " after the photo was taken (taken "
                        + fmt(original) + ", modified " + fmt(modified) + "): it was saved again later, e.g. by an editor."));
            } else {
                out.add(new Finding("Dates", "Taken and last modified at the same time (" + fmt(original) + "), as a camera writes them."));
            }
        }
        if (original != null && digitized != null && Math.abs(original.getTime() - digitized.getTime()) > 60_000) {
            out.add(new Finding("Dates", "The digitized date (" + fmt(digitized) + ") differs from the original date ("
                    + fmt(original) + "): usual for scans, unusual for a camera photo."));
        }
        GpsDirectory gps = md.getFirstDirectoryOfType(GpsDirectory.class);
        Date gpsDate = gps == null ? null : gps.getGpsDate();
        if (gpsDate != null && original != null) {
            long s = Math.abs(gpsDate.getTime() - original.getTime()) / 1000;
            long offMinutes = Math.round(s / 60.0) % 60;
            boolean zone = s <= 14 * 3600 && (offMinutes <= 2 || offMinutes >= 58 || Math.abs(offMinutes - 30) <= 2);
            if (s > 120 && !zone) {
                out.add(new Finding("Dates", "The GPS time (" + fmt(gpsDate) + " UTC) and the camera time (" + fmt(original)
                        + ") differ by " + span(s) + ", which a time-zone offset does not explain."));
            }
        }
        return out;
    }

    /**
     * The XMP edit history (xmpMM:History: actions, times, software agents) and XMP dates against the EXIF
     * capture date. {@code fields} are "directory / property path" -> value, as {@link MetadataTree} lists them.
     */
    static List<Finding> xmpHistory(Map<String, String> fields, Metadata md) {
        List<Finding> out = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        java.util.Set<String> agents = new java.util.LinkedHashSet<>();
        String created = null;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            String k = GeneratorTraces.tagOf(e.getKey());
            if (k.contains("xmpMM:History") && k.endsWith("stEvt:action")) actions.add(e.getValue());
            if (k.contains("xmpMM:History") && k.endsWith("stEvt:softwareAgent")) agents.add(e.getValue());
            if (k.equals("xmp:CreateDate") || k.equals("photoshop:DateCreated")) created = created == null ? e.getValue() : created;
        }
        if (!actions.isEmpty()) {
            out.add(new Finding("History", "The XMP history records " + actions.size() + " step(s) (" + String.join(", ",
                    actions.subList(0, Math.min(8, actions.size()))) + (actions.size() > 8 ? ", ..." : "") + ")"
                    + (agents.isEmpty() ? "" : " by " + String.join("; ", agents)) + ": the file went through an editor."));
        }
        ExifSubIFDDirectory sub = md.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        Date original = sub == null ? null : sub.getDate(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL, TimeZone.getTimeZone("UTC"));
        if (created != null && original != null && created.length() >= 10) {
            String day = created.substring(0, 10).replace(':', '-');
            String exifDay = fmt(original).substring(0, 10);
            if (!day.equals(exifDay)) {
                out.add(new Finding("Dates", "The XMP creation date (" + created + ") and the EXIF capture date (" + fmt(original)
                        + ") fall on different days: the dates disagree."));
            }
        }
        return out;
    }

    static List<Finding> gps(Metadata md) {
        GpsDirectory gps = md.getFirstDirectoryOfType(GpsDirectory.class);
        if (gps == null) return List.of();
        GeoLocation g = gps.getGeoLocation();
        StringBuilder sb = new StringBuilder("GPS position in the file: ");
        if (g == null || g.isZero()) sb.append("no usable latitude/longitude");
        else sb.append(String.format(Locale.ROOT, "latitude %.6f, longitude %.6f (decimal degrees)", g.getLatitude(), g.getLongitude()));
        Double alt = gps.getDoubleObject(GpsDirectory.TAG_ALTITUDE);
        if (alt != null) {
            Integer ref = gps.getInteger(GpsDirectory.TAG_ALTITUDE_REF);
            sb.append(String.format(Locale.ROOT, ", altitude %.1f m %s sea level", alt, ref != null && ref == 1 ? "below" : "above"));
        }
        Date d = gps.getGpsDate();
        if (d != null) sb.append(", GPS time ").append(fmt(d)).append(" UTC");
        sb.append(". No map is shown (offline); the position is what the device wrote, and can be edited.");
        return List.of(new Finding("GPS", sb.toString()));
    }

    /** The pixel size the camera wrote against the picture's; make/model against IJG-standard JPEG tables. */
    static List<Finding> sizeAndTables(Metadata md, int width, int height, Boolean ijgTables, double ijgQuality) {
        List<Finding> out = new ArrayList<>();
        ExifSubIFDDirectory sub = md.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        Integer ew = sub == null ? null : sub.getInteger(ExifSubIFDDirectory.TAG_EXIF_IMAGE_WIDTH);
        Integer eh = sub == null ? null : sub.getInteger(ExifSubIFDDirectory.TAG_EXIF_IMAGE_HEIGHT);
        if (ew != null && eh != null && ew > 0 && eh > 0) {
            boolean same = (ew == width && eh == height) || (ew == height && eh == width);
            out.add(new Finding("Size", same ? "The EXIF pixel size (" + ew + " x " + eh + ") matches the picture."
                    : "The EXIF says " + ew + " x " + eh + " pixels but the picture is " + width + " x " + height
                    + ": it was resized or cropped after the EXIF was written (an editor kept the camera's EXIF)."));
        }
        String cam = camera(md);
        if (cam != null) {
            if (Boolean.TRUE.equals(ijgTables)) {
                out.add(new Finding("Tables", "The EXIF names the camera '" + cam + "', but the JPEG tables are the standard "
                        + "libjpeg (IJG) tables at quality " + (int) ijgQuality + ". Most cameras use tables of their own; these "
                        + "tables are typical of a re-save by software (some phones do use them)."));
            } else if (Boolean.FALSE.equals(ijgTables)) {
                out.add(new Finding("Tables", "The EXIF names the camera '" + cam + "' and the JPEG tables are not the libjpeg "
                        + "standard ones, as expected of a camera's own encoder (no table of that camera's tables is on file to compare)."));
            }
        }
        return out;
    }

    private static String fmt(Date d) {
        return String.format(Locale.ROOT, "%tF %<tT", d.toInstant().atZone(java.time.ZoneOffset.UTC));
    }

    static String span(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        if (d.toDays() >= 2) return d.toDays() + " days";
        if (d.toHours() >= 2) return d.toHours() + " hours";
        if (d.toMinutes() >= 2) return d.toMinutes() + " minutes";
        return seconds + " seconds";
    }
}
