package dev.switchboard.store.internal.files;

import dev.switchboard.api.error.InvalidInput;

import java.util.Locale;
import java.util.Set;

/**
 * Refuses executables, by their bytes and by their name, whatever the limits accept (INP-3). The bytes catch a
 * program renamed to {@code .pdf}; the name catches what is a harmless container by its bytes but runs when
 * opened ({@code .jar} and {@code .apk} are zips, {@code .msi} is an OLE document, {@code .bat} and {@code .js} are
 * text). The list follows what mail services refuse; the operator guide documents it.
 */
final class Executables {

    /**
     * Extensions refused by name: Windows programs, installers, scripts and shortcuts; Java, Android and Apple
     * packages; Linux packages and self-running archives; disk images, which deliver programs past mail filters.
     */
    static final Set<String> EXTENSIONS = Set.of(
            // Windows programs, libraries, drivers, control panel items, screen savers
            "exe", "dll", "com", "scr", "pif", "cpl", "sys", "drv", "ocx", "lib", "xll",
            // Windows installers and packages
            "msi", "msp", "mst", "msix", "msixbundle", "appx", "appxbundle", "cab", "application", "xbap", "gadget",
            // Windows scripts, shortcuts and the like
            "bat", "cmd", "ps1", "ps1xml", "ps2", "ps2xml", "psc1", "psc2", "psd1", "psm1", "vb", "vbs", "vbe", "js",
            "jse", "ws", "wsf", "wsc", "wsh", "hta", "sct", "shb", "shs", "lnk", "url", "scf", "inf", "ins", "isp",
            "reg", "msc", "chm", "jnlp", "ade", "adp", "mde", "diagcab", "diagcfg", "diagpack", "settingcontent-ms",
            // Unix shells
            "sh", "bash", "csh", "ksh", "zsh", "command", "run", "bin", "elf",
            // Java, Android, iOS
            "jar", "apk", "apks", "aab", "xapk", "ipa",
            // macOS
            "app", "dmg", "pkg", "mpkg", "action", "workflow",
            // Linux packages and bundles
            "deb", "rpm", "appimage", "snap", "flatpak",
            // disk images
            "iso", "img", "vhd", "vhdx");

    /** Types Tika gives to executables, for formats the magic numbers below do not name. */
    private static final Set<String> TYPES = Set.of("application/x-dosexec", "application/x-executable",
            "application/x-elf", "application/x-sharedlib", "application/x-sh", "application/x-csh",
            "application/x-bat", "application/x-shar", "application/java-vm", "application/x-ms-installer",
            "application/vnd.microsoft.portable-executable");

    private Executables() {
    }

    /** @throws InvalidInput {@code file.executable} when the cleaned name ends in an executable's extension */
    static void refuseByName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        if (dot < 0) {
            return;
        }
        String extension = lower.substring(dot + 1);
        if (!EXTENSIONS.contains(extension)) {
            return;
        }
        if (lower.lastIndexOf('.', dot - 1) > 0) {
            throw new InvalidInput("file.executable", "a name with two extensions that ends in ." + extension
                    + " hides a program behind a document's name; programs are not accepted");
        }
        throw new InvalidInput("file.executable", "programs and scripts (." + extension + ") are not accepted");
    }

    /** @throws InvalidInput {@code file.executable} when the first bytes are a program's or a script's */
    static void refuseByContent(byte[] head, int length) {
        String what = programIn(head, length);
        if (what != null) {
            throw new InvalidInput("file.executable", "the file is " + what + "; programs are not accepted");
        }
    }

    /** @throws InvalidInput {@code file.executable} for a type Tika detected as a program */
    static void refuseByType(String contentType) {
        String base = contentType.toLowerCase(Locale.ROOT);
        int parameters = base.indexOf(';');
        if (parameters >= 0) {
            base = base.substring(0, parameters).strip();
        }
        if (TYPES.contains(base) || base.startsWith("application/x-mach-o") || base.startsWith("application/x-msdownload")) {
            throw new InvalidInput("file.executable", "the file is a program (" + base + "); programs are not accepted");
        }
    }

    /** What program the bytes start with, or null. */
    static String programIn(byte[] head, int length) {
        int start = startsWith(head, length, 0, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        if (startsWith(head, length, start, '#', '!')) {
            // the kernel runs any file that starts with #! through the interpreter it names
            return "a script (#!)";
        }
        if (startsWith(head, length, 0, 'M', 'Z')) {
            // DOS and Windows (PE) programs and libraries all start with the MZ header
            return "a Windows program (MZ)";
        }
        if (startsWith(head, length, 0, 0x7F, 'E', 'L', 'F')) {
            return "a Linux program (ELF)";
        }
        if (startsWith(head, length, 0, 0xFE, 0xED, 0xFA, 0xCE) || startsWith(head, length, 0, 0xFE, 0xED, 0xFA, 0xCF)
                || startsWith(head, length, 0, 0xCE, 0xFA, 0xED, 0xFE) || startsWith(head, length, 0, 0xCF, 0xFA, 0xED, 0xFE)) {
            return "a macOS program (Mach-O)";
        }
        if (startsWith(head, length, 0, 0xCA, 0xFE, 0xBA, 0xBE) || startsWith(head, length, 0, 0xCA, 0xFE, 0xBA, 0xBF)
                || startsWith(head, length, 0, 0xBE, 0xBA, 0xFE, 0xCA) || startsWith(head, length, 0, 0xBF, 0xBA, 0xFE, 0xCA)) {
            // the universal (fat) Mach-O header, which Java class files share: both are programs
            return "a macOS universal program or a Java class (0xCAFEBABE)";
        }
        if (startsWith(head, length, 0, 0x4C, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00)) {
            return "a Windows shortcut";
        }
        return null;
    }

    private static boolean startsWith(byte[] head, int length, int offset, int... magic) {
        if (length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[offset + i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
