package io.leadhub.ingest.file;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The file drop (leadhub.inbox.*): CSV and JSON files put into a folder are read as leads. Durations without a
 * unit are milliseconds.
 *
 * @param dir                 the folder watched; read files move to .done/ (rejections beside them), unreadable ones
 *                            to .error/
 * @param workspace           the workspace the files' leads belong to
 * @param stableCheckInterval how often a growing file is re-checked; a file is read once its size stops changing
 * @param minAge              how old a file must be before it is read
 * @param columns             CSV header (case and punctuation ignored) to lead field (email, firstName, lastName,
 *                            fullName, title, phone, linkedinUrl, companyName, companyDomain, website, country,
 *                            city, sourceId), overriding the recognised names
 * @param progressEvery       log progress every this many rows
 * @param claimTimeout        a claim on a file not refreshed for this long belongs to an instance that died; another
 *                            instance sharing the inbox may take it over
 * @param claimHeartbeat      how often an instance refreshes the claims it holds; at most half of claim-timeout
 * @param claimReleaseDelay   how long a claim outlives the file's move out of the inbox; above a network folder's
 *                            attribute-cache time
 * @param maxFieldBytes       the longest CSV field or record (characters); a longer one (an unclosed quote?) is
 *                            rejected with its line, and reading resumes at the next line
 * @param maxPollSilence      /actuator/health "inbox" is DOWN when the inbox was last polled (or a file made
 *                            progress) longer ago
 */
@ConfigurationProperties("leadhub.inbox")
public record InboxProperties(
        @DefaultValue("data/inbox") Path dir,
        @DefaultValue("default") String workspace,
        @DefaultValue("1s") Duration stableCheckInterval,
        @DefaultValue("1s") Duration minAge,
        @DefaultValue Map<String, String> columns,
        @DefaultValue("10000") long progressEvery,
        @DefaultValue("30s") Duration claimTimeout,
        @DefaultValue("5s") Duration claimHeartbeat,
        @DefaultValue("5s") Duration claimReleaseDelay,
        @DefaultValue("65536") int maxFieldBytes,
        @DefaultValue("2m") Duration maxPollSilence) {
}
