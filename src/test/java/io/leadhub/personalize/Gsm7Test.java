package io.leadhub.personalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Gsm7Test {

    @Test
    void theBasicTableHas127CharactersBesidesTheEscape() {
        assertThat(Gsm7.BASIC).hasSize(127);
        assertThat(Gsm7.BASIC.chars().distinct().count()).isEqualTo(127);
        assertThat(Gsm7.EXTENSION).hasSize(10);
    }

    @Test
    void plainTextOf160CharactersFits() {
        var text = "a".repeat(160);

        assertThat(Gsm7.isGsm7(text)).isTrue();
        assertThat(Gsm7.septets(text)).isEqualTo(160);
        assertThat(Gsm7.limit(text)).isEqualTo(160);
        assertThat(Gsm7.fits(text)).isTrue();
    }

    @Test
    void plainTextOf161CharactersDoesNotFit() {
        var text = "Hello there, ".repeat(12) + "abcde"; // 161

        assertThat(text).hasSize(161);
        assertThat(Gsm7.length(text)).isEqualTo(161);
        assertThat(Gsm7.fits(text)).isFalse();
    }

    @Test
    void accentedLettersOfTheBasicTableStaySevenBit() {
        var text = "Ça va? Müller, Åsa, Ñoño, £5 @ 10:00 ¿qué? ΔΦΓΛΩΠΨΣΘΞ";

        assertThat(Gsm7.isGsm7(text)).isTrue();
        assertThat(Gsm7.septets(text)).isEqualTo(text.length());
    }

    @Test
    void anEmojiMakesItUnicodeWith70CodeUnits() {
        var text = "See you soon 🙂";

        assertThat(Gsm7.isGsm7(text)).isFalse();
        assertThat(Gsm7.firstNonGsm7(text)).isEqualTo("🙂");
        assertThat(Gsm7.limit(text)).isEqualTo(70);
        assertThat(Gsm7.length(text)).isEqualTo(text.length()).isEqualTo(15); // the emoji is two UTF-16 code units
        assertThatThrownBy(() -> Gsm7.septets(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPolishLetterMakesItUnicode() {
        var fits = "Dzień dobry Łukasz, " + "a".repeat(50); // 70 code units
        var over = fits + "a";

        assertThat(Gsm7.firstNonGsm7(fits)).isEqualTo("ń");
        assertThat(Gsm7.limit(fits)).isEqualTo(70);
        assertThat(Gsm7.fits(fits)).isTrue();
        assertThat(Gsm7.fits(over)).isFalse();
    }

    @Test
    void curlyQuotesAndDashesAreNotGsm7() {
        assertThat(Gsm7.isGsm7("it’s")).isFalse();
        assertThat(Gsm7.isGsm7("a — b")).isFalse();
        assertThat(Gsm7.isGsm7("it's - ok")).isTrue();
    }

    @Test
    void extensionCharactersCountTwoSeptets() {
        assertThat(Gsm7.septets("€")).isEqualTo(2);
        assertThat(Gsm7.septets("5€")).isEqualTo(3);
        assertThat(Gsm7.septets("{}[]~\\^|")).isEqualTo(16);
        assertThat(Gsm7.isGsm7("€")).isTrue();
    }

    @Test
    void extensionCharactersCanPushPlainTextOverTheLimit() {
        var text = "a".repeat(159) + "€"; // 159 + 2 septets

        assertThat(text).hasSize(160);
        assertThat(Gsm7.length(text)).isEqualTo(161);
        assertThat(Gsm7.fits(text)).isFalse();
    }
}
