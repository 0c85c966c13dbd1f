package org.provenant.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The driver's Hadoop configuration carried to the executors (S3 endpoints and credentials given as
 * {@code spark.hadoop.*}, HDFS name services), and the one way evidence bytes are read there: opened for reading
 * only, whole, refused above 2 GB as the desktop loader refuses.
 */
final class HadoopFiles implements Serializable {
    private static final long serialVersionUID = 1L;
    private transient Configuration conf;

    HadoopFiles(Configuration conf) {
        this.conf = conf;
    }

    Configuration conf() {
        return conf;
    }

    /** Every byte of the file. */
    byte[] read(String path) throws IOException {
        Path p = new Path(path);
        FileSystem fs = p.getFileSystem(conf);
        long size = fs.getFileStatus(p).getLen();
        if (size > Integer.MAX_VALUE - 16) throw new IOException("the file is larger than 2 GB");
        try (FSDataInputStream in = fs.open(p)) {
            return in.readAllBytes();
        }
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        conf.write(out);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        conf = new Configuration(false);
        conf.readFields(in);
    }
}
