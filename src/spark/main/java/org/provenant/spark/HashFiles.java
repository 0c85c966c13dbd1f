package org.provenant.spark;

import static org.apache.spark.sql.types.DataTypes.StringType;

import java.io.IOException;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.provenant.core.io.ImageLoader;

/**
 * (path, file) to (path, file, sha256): what a re-run compares with the table before it analyses anything. An
 * unreadable file hashes to "" (as its error row says), so it is compared like any other.
 */
final class HashFiles implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    static final StructType SCHEMA = new StructType().add("path", StringType, false).add("file", StringType, false)
            .add("sha256", StringType, false);
    private final Broadcast<HadoopFiles> files;

    HashFiles(Broadcast<HadoopFiles> files) {
        this.files = files;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> in) {
        return new Iterator<>() {
            @Override public boolean hasNext() {
                return in.hasNext();
            }

            @Override public Row next() {
                Row r = in.next();
                String path = r.getAs("path");
                String sha;
                try {
                    sha = ImageLoader.sha256(files.value().read(path));
                } catch (IOException | RuntimeException e) {
                    sha = "";
                }
                return RowFactory.create(path, r.getAs("file"), sha);
            }
        };
    }
}
