package org.provenant.analysis.casefolder;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.provenant.analysis.AnalysisReport;
import org.provenant.analysis.IndicatorOutcome;
import org.provenant.analysis.ReportJsonReader;
import org.provenant.core.image.FloatMap;
import org.provenant.indicators.MapLayer;

/**
 * The map values of an analysis as one gzip block (the JSON form holds none): per map its key
 * {@code indicatorId#index}, width, height and the floats (NaN kept). A store keeps the block beside the JSON.
 */
public final class StoredMaps {
    private StoredMaps() { }

    /** The maps of every finished (DONE) outcome. */
    public static byte[] encode(AnalysisReport report) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(bytes)))) {
            int n = 0;
            for (IndicatorOutcome o : report.outcomes()) if (o.ok()) n += o.result().maps().size();
            out.writeInt(n);
            for (IndicatorOutcome o : report.outcomes()) {
                if (!o.ok()) continue;
                List<MapLayer> ls = o.result().maps();
                for (int i = 0; i < ls.size(); i++) {
                    FloatMap m = ls.get(i).map();
                    out.writeUTF(o.indicatorId() + "#" + i);
                    out.writeInt(m.width());
                    out.writeInt(m.height());
                    for (float v : m.data()) out.writeFloat(v);
                }
            }
        }
        return bytes.toByteArray();
    }

    /** The maps of a block written by {@link #encode}, for {@link ReportJsonReader#read}. */
    public static ReportJsonReader.MapValues decode(byte[] block) throws IOException {
        Map<String, FloatMap> maps = new HashMap<>();
        try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(block));
             DataInputStream in = new DataInputStream(new BufferedInputStream(gz))) {
            int n = in.readInt();
            for (int k = 0; k < n; k++) {
                String key = in.readUTF();
                int w = in.readInt(), h = in.readInt();
                if (w <= 0 || h <= 0 || (long) w * h > 200_000_000L) throw new IOException("bad map size");
                float[] d = new float[w * h];
                for (int i = 0; i < d.length; i++) d[i] = in.readFloat();
                maps.put(key, new FloatMap(w, h, d));
            }
        }
        return (id, i) -> maps.get(id + "#" + i);
    }
}
