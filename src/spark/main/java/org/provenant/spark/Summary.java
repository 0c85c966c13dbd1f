package org.provenant.spark;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.provenant.analysis.ScoreFormat;
import org.provenant.analysis.batch.BatchItem;
import org.provenant.analysis.batch.BatchSummaries;
import org.provenant.analysis.batch.HtmlIndex;
import org.provenant.core.io.OutputGuard;

/**
 * {@code summary}: a run's table read back as the desktop batch's summary, so that an examiner opens a cluster run
 * like a batch: {@code summary.jsonl}, {@code summary.csv} (files in name order, the batch's columns) and
 * {@code index.html} (most suspicious first), written by the batch's own writers into a local folder; with
 * {@code --json}, each image's {@code analyze --json} file under {@code json/} as the batch writes them, linked from
 * the page. The console gets the top of the triage order.
 */
final class Summary {
    static final String USAGE = "summary --out DIR --to LOCAL_DIR [--model-set KEY] [--json] [--top N]";

    private Summary() { }

    /** The options of {@code summary}; {@code modelSet} null for the latest run's. */
    record Options(String out, String to, String modelSet, boolean json, int top) {
        static Options parse(List<String> args) {
            String out = null, to = null, modelSet = null;
            boolean json = false;
            int top = 20;
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("--json")) {
                    json = true;
                    continue;
                }
                if (!List.of("--out", "--to", "--model-set", "--top").contains(a)) throw new IllegalArgumentException("unknown argument " + a);
                if (i + 1 >= args.size()) throw new IllegalArgumentException(a + " needs a value");
                String v = args.get(++i);
                switch (a) {
                    case "--out" -> out = v;
                    case "--to" -> to = v;
                    case "--model-set" -> modelSet = v;
                    default -> top = Integer.parseInt(v);
                }
            }
            if (out == null || to == null) throw new IllegalArgumentException("--out DIR and --to LOCAL_DIR are required");
            return new Options(out, to, modelSet, json, top);
        }
    }

    /** The summary's items, in the batch's name order. */
    static List<BatchItem> run(SparkSession spark, Options o, PrintStream log) throws IOException {
        String out = o.out(), modelSet = o.modelSet();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        ResultTable table = new ResultTable(out, conf);
        if (modelSet == null) modelSet = table.latestModelSet();
        Dataset<Row> rows = modelSet == null ? null : table.read(spark, modelSet);
        if (rows == null) throw new IOException("no committed results" + (modelSet == null ? "" : " of model set " + modelSet) + " under " + table.root());
        JsonNode record = RunRecord.latest(out, conf, modelSet);
        String input = record == null ? out : record.path("input").asText(out);
        Path dir = Path.of(o.to()).toAbsolutePath().normalize();
        Path evidence = ResultRow.localPath(input);
        OutputGuard.checkOutside(dir, List.of(evidence));
        List<BatchItem> items = items(rows.collectAsList(), dir, o.json());
        BatchSummaries.writeJsonLines(dir.resolve(BatchSummaries.JSONL), items);
        BatchSummaries.writeCsv(dir.resolve(BatchSummaries.CSV), items);
        HtmlIndex.write(dir.resolve(HtmlIndex.FILE), evidence, items, "Spark run output " + out + ", model set " + modelSet + ".");
        log.printf(Locale.ROOT, "%d file(s) of model set %s; wrote %s, %s and %s in %s%n", items.size(), modelSet,
                BatchSummaries.JSONL, BatchSummaries.CSV, HtmlIndex.FILE, dir);
        List<BatchItem> triage = HtmlIndex.bySuspicion(items);
        for (int i = 0; i < Math.min(o.top(), triage.size()); i++) {
            BatchItem it = triage.get(i);
            log.printf(Locale.ROOT, "%3d. %-9s %8s  %-40s %s%n", i + 1, it.status(), it.suspicion() < 0 ? "" : ScoreFormat.number(it.suspicion()),
                    it.overall().isEmpty() ? it.message() : it.overall(), it.relative());
        }
        return items;
    }

    /** The rows as batch items in name order; with {@code json}, each row's JSON written under {@code dir/json/}. */
    static List<BatchItem> items(List<Row> rows, Path dir, boolean json) throws IOException {
        List<BatchItem> items = new ArrayList<>();
        for (Row r : rows) {
            String text = r.getAs("json");
            String rel = null;
            if (json && text != null) {
                rel = "json/" + r.getAs("file") + ".json";
                Path target = dir.resolve(rel).normalize();
                if (!target.startsWith(dir)) throw new IOException("a file name leads outside " + dir + ": " + r.getAs("file"));
                OutputGuard.writeString(target, text);
            }
            items.add(ResultRow.item(r, rel));
        }
        items.sort(Comparator.comparing(BatchItem::path).thenComparing(BatchItem::relative));
        return items;
    }
}
