package org.provenant.ml;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.tribuo.Model;

/** How the classifier files embed a Tribuo model: its protobuf form, gzipped, in base64, inside a JSON object. */
public final class TribuoModels {
    private TribuoModels() { }

    /** The model as base64 of its gzipped protobuf. */
    public static String encode(Model<?> model) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            model.serializeToStream(gz);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** The model of {@link #encode}'s text. */
    public static Model<?> decode(String base64) throws IOException {
        try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
            return Model.deserializeFromStream(gz);
        }
    }

    /** Writes the JSON object to the file, creating its folder. */
    public static void write(Path file, ObjectNode root) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        new ObjectMapper().writeValue(file.toFile(), root);
    }
}
