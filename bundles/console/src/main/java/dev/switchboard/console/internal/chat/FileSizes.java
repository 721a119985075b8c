package dev.switchboard.console.internal.chat;

import java.text.NumberFormat;

/**
 * File sizes as a reader says them ("3 MB", "1.5 MB", "1,5 МБ", "640 KB"), in binary units, as the channels and
 * the spec state their limits (INP-2: 3 MB, INP-3: 100 MB).
 */
public final class FileSizes {

    private static final long KB = 1024;
    private static final long MB = KB * KB;
    private static final long GB = MB * KB;

    private FileSizes() {
    }

    public static String format(long bytes, Texts texts) {
        long size = Math.max(0, bytes);
        if (size < KB) {
            return texts.text("size.b", Long.toString(size));
        }
        if (size < MB) {
            return texts.text("size.kb", number(size, KB, texts));
        }
        if (size < GB) {
            return texts.text("size.mb", number(size, MB, texts));
        }
        return texts.text("size.gb", number(size, GB, texts));
    }

    /** Whole units when exact or from 10 up; one decimal below 10 (1.5 MB), in the reader's notation. */
    private static String number(long size, long unit, Texts texts) {
        NumberFormat format = NumberFormat.getNumberInstance(texts.locale());
        format.setGroupingUsed(false);
        format.setMinimumFractionDigits(0);
        double value = (double) size / unit;
        format.setMaximumFractionDigits(size % unit == 0 || value >= 10 ? 0 : 1);
        return format.format(value);
    }
}
