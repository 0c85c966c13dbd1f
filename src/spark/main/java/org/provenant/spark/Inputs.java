package org.provenant.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The evidence of a run as (path, file) rows: every regular file under a folder, recursively and in name order,
 * hidden ones included (a camera's {@code _MG_1234.JPG} or {@code .trashed} photo is evidence too: Spark's own file
 * sources would leave out names starting with '_' or '.'), {@code file} being the path below the folder as the batch
 * names it; or the paths of a list file (one absolute path or URI per line, each once), {@code file} being the line
 * itself. The driver lists a folder itself (fine up to about a million files); beyond, a list file (from
 * {@code hdfs dfs -ls -R}, an S3 inventory) is read by the executors.
 */
final class Inputs {
    static final StructType SCHEMA = new StructType().add("path", StringType, false).add("file", StringType, false);

    private Inputs() { }

    static Dataset<Row> of(SparkSession spark, JobOptions o, Configuration conf) throws IOException {
        if (o.list() != null) {
            return spark.read().textFile(o.list()).select(trim(col("value")).as("path")).filter(col("path").notEqual(""))
                    .dropDuplicates("path").select(col("path"), col("path").as("file"));
        }
        return spark.createDataFrame(folder(o.input(), conf), SCHEMA);
    }

    /** Every regular file under the folder (listed by the driver), in name order. */
    static List<Row> folder(String dir, Configuration conf) throws IOException {
        Path root = new Path(dir);
        FileSystem fs = root.getFileSystem(conf);
        root = fs.makeQualified(root);
        if (!fs.getFileStatus(root).isDirectory()) throw new IOException(dir + " is not a folder");
        String prefix = root.toString().endsWith("/") ? root.toString() : root + "/";
        List<String> paths = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
        while (it.hasNext()) {
            LocatedFileStatus s = it.next();
            if (s.isFile()) paths.add(s.getPath().toString());
        }
        paths.sort(null);
        List<Row> rows = new ArrayList<>(paths.size());
        for (String p : paths) rows.add(RowFactory.create(p, p.startsWith(prefix) ? p.substring(prefix.length()) : p));
        return rows;
    }
}
