package dev.switchboard.store.internal.files;

import dev.switchboard.api.error.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The name rules of INP-3 as a table: what is kept, and which names are programs. */
class FileNamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "report.pdf|report.pdf",
            "photo\u202Egpj.exe|photogpj.exe",
            "virus.e\u200Bxe|virus.exe",
            "\uFEFFnotes\u2066.txt\u2069|notes.txt",
            "a\u00ADb\u061Cc\u180E.png|abc.png",
            "tab\tand\u0000nul.txt|tabandnul.txt",
            "C:\\fakepath\\scan.pdf|scan.pdf",
            "../../etc/passwd|passwd",
            "trailing.exe. . |trailing.exe",
            "  spaced name.docx  |spaced name.docx",
            "\u0444\u043e\u0442\u043e \uD83D\uDE00.jpg|\u0444\u043e\u0442\u043e \uD83D\uDE00.jpg"})
    void INP3_namesAreCleanedOfPathsInvisibleAndDirectionCharacters(String raw, String cleaned) {
        assertThat(FileNames.clean(raw)).isEqualTo(cleaned);
    }

    @Test
    void INP3_lineBreaksAreNoPartOfAName() {
        assertThat(FileNames.clean("line\r\nbreak.txt")).isEqualTo("linebreak.txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"setup.exe", "photogpj.exe", "invoice.pdf.exe", "Run.BAT", "x.cmd", "x.ps1", "x.vbs",
            "x.vbe", "x.js", "x.jse", "x.wsf", "x.wsh", "x.hta", "x.cpl", "x.lnk", "x.reg", "x.scr", "x.msi", "x.com",
            "x.dll", "x.sh", "x.bash", "x.jar", "x.apk", "x.app", "x.dmg", "x.pkg", "x.deb", "x.rpm", "x.run",
            "x.bin", "x.elf", "x.AppImage", "x.pif", "x.iso", "x.msix", "x.ipa", "x.command"})
    void INP3_programsAreRefusedByName(String name) {
        assertThatThrownBy(() -> Executables.refuseByName(name)).isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).field()).isEqualTo("file.executable"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"report.pdf", "photo.exe.jpg", "README", "archive.tar.gz", "exe", ".bashrc.txt",
            "sheet.xlsx", "voice.ogg", "data.json", "site.html"})
    void INP3_documentsPassTheNameCheck(String name) {
        assertThatCode(() -> Executables.refuseByName(name)).doesNotThrowAnyException();
    }
}
