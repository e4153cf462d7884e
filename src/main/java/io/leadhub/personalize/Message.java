package io.leadhub.personalize;

/**
 * One ready-to-send message. channel: email | linkedin_connection | linkedin_message | sms; tone: professional |
 * friendly | direct; subject only for email (null otherwise).
 */
public record Message(String channel, String tone, String subject, String body) {
}
