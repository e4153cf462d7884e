package io.leadhub.personalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class ChannelSettingsTest {

    @Test
    void theDefaultsAreAllFourChannels150Words600CharactersAndTheOptOut() {
        var s = ChannelSettings.defaults();

        assertThat(s.channels()).containsExactly("email", "linkedin_connection", "linkedin_message", "sms");
        assertThat(s.emailMaxWords()).isEqualTo(150);
        assertThat(s.linkedinMessageMaxChars()).isEqualTo(600);
        assertThat(s.smsOptOut()).isTrue();
        assertThat(s.smsOptOutText()).isEqualTo("Reply STOP to opt out");
    }

    @Test
    void channelNamesAreTrimmedLowerCasedAndNotRepeated() {
        var s = new ChannelSettings(List.of(" SMS", "email", "sms"), 150, 600, false, " ");

        assertThat(s.channels()).containsExactly("sms", "email");
        assertThat(s.smsOptOutText()).isNull();
        assertThat(new ChannelSettings(null, 150, 600, false, null).channels()).hasSize(4);
    }

    @Test
    void settingsNoWriterCouldHonourAreRefused() {
        assertThatThrownBy(() -> new ChannelSettings(List.of("fax"), 150, 600, false, null))
                .hasMessageContaining("unknown channel \"fax\"");
        assertThatThrownBy(() -> new ChannelSettings(Arrays.asList("email", null), 150, 600, false, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChannelSettings(null, 19, 600, false, null)).hasMessageContaining("emailMaxWords");
        assertThatThrownBy(() -> new ChannelSettings(null, 150, 99, false, null)).hasMessageContaining("linkedinMessageMaxChars");
        assertThatThrownBy(() -> new ChannelSettings(null, 150, 8001, false, null)).hasMessageContaining("linkedinMessageMaxChars");
        assertThatThrownBy(() -> new ChannelSettings(null, 150, 600, true, "  ")).hasMessageContaining("smsOptOutText");
    }
}
