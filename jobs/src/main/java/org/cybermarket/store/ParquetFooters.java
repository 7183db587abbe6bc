package org.cybermarket.store;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.Util;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * What a Parquet file's footer says, read on the driver with two small reads (no Spark job): its row count and
 * the schema Spark wrote into it. Layout (Parquet format spec): ... footer, 4-byte little-endian footer length, "PAR1".
 */
final class ParquetFooters {
    /** The footer key under which Spark stores the written rows' schema as JSON. */
    static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private ParquetFooters() {}

    static FileMetaData read(FileSystem fs, FileStatus file) {
        long length = file.getLen();
        try (FSDataInputStream in = fs.open(file.getPath())) {
            byte[] tail = new byte[8];
            if (length < 12) throw new IOException("not a Parquet file (" + length + " bytes)");
            in.readFully(length - 8, tail);
            for (int i = 0; i < 4; i++) {
                if (tail[4 + i] != MAGIC[i]) throw new IOException("not a Parquet file (no PAR1 at the end)");
            }
            int footerLength = ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (footerLength <= 0 || footerLength > length - 12) throw new IOException("corrupt footer length " + footerLength);
            byte[] footer = new byte[footerLength];
            in.readFully(length - 8 - footerLength, footer);
            return Util.readFileMetaData(new ByteArrayInputStream(footer));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the Parquet footer of " + file.getPath() + ": " + e.getMessage(), e);
        }
    }

    /** The Spark schema stored in the footer, or null when the file was not written by Spark. */
    static StructType sparkSchema(FileMetaData footer) {
        if (footer.getKey_value_metadata() == null) return null;
        for (KeyValue kv : footer.getKey_value_metadata()) {
            if (SPARK_SCHEMA_KEY.equals(kv.getKey()) && kv.getValue() != null) return (StructType) DataType.fromJson(kv.getValue());
        }
        return null;
    }
}
