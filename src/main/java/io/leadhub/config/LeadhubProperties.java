package io.leadhub.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Every leadhub.* property; application.yaml documents the defaults. */
@ConfigurationProperties(prefix = "leadhub")
public class LeadhubProperties {

    private Map<String, Provider> providers = new LinkedHashMap<>();

    public Map<String, Provider> getProviders() { return providers; }
    public void setProviders(Map<String, Provider> providers) { this.providers = providers; }

    /** An enrichment provider (leadhub.providers.<id>); defaults follow the vendor's published limits where known. */
    public static class Provider {
        /** hunter, ... : which package under enrich/providers builds its requests and reads its answers. */
        private String type;
        private boolean enabled = true;
        private String baseUrl;
        /** Put ${SOME_ENV_VAR} here, never the key itself. */
        private String apiKey;
        private List<String> signals = new ArrayList<>();
        /** Lower runs first within a signal's waterfall. */
        private int priority = 100;
        /** http type: path and query after base-url, with {email}, {domain}, {firstName}, ... placeholders. */
        private String urlTemplate;
        private String method = "GET";
        /** http type: JSON body with the same placeholders (POST). */
        private String bodyTemplate;
        private String authHeader = "Authorization";
        /** Put before the key in the auth header ("Bearer"); empty sends the key alone. */
        private String authScheme = "Bearer";
        /** http type: profile field name to JSON Pointer in the answer. */
        private Map<String, String> mapping = new LinkedHashMap<>();
        public String getUrlTemplate() { return urlTemplate; }
        public void setUrlTemplate(String urlTemplate) { this.urlTemplate = urlTemplate; }
        public String getMethod() { return method; }
        public void setMethod(String method) { this.method = method; }
        public String getBodyTemplate() { return bodyTemplate; }
        public void setBodyTemplate(String bodyTemplate) { this.bodyTemplate = bodyTemplate; }
        public String getAuthHeader() { return authHeader; }
        public void setAuthHeader(String authHeader) { this.authHeader = authHeader; }
        public String getAuthScheme() { return authScheme; }
        public void setAuthScheme(String authScheme) { this.authScheme = authScheme; }
        public Map<String, String> getMapping() { return mapping; }
        public void setMapping(Map<String, String> mapping) { this.mapping = mapping; }
        /** pipe0 type: the pipes to run, and sync (run/sync) or async (run, then poll check/{run_id}). */
        private List<String> pipes = new ArrayList<>(List.of("company:overview@3"));
        private String mode = "sync";
        private Duration pollInterval = Duration.ofSeconds(2);
        private int maxPolls = 90;
        public List<String> getPipes() { return pipes; }
        public void setPipes(List<String> pipes) { this.pipes = pipes; }
        public String getMode() { return mode; }
        public void setMode(String mode) { this.mode = mode; }
        public Duration getPollInterval() { return pollInterval; }
        public void setPollInterval(Duration pollInterval) { this.pollInterval = pollInterval; }
        public int getMaxPolls() { return maxPolls; }
        public void setMaxPolls(int maxPolls) { this.maxPolls = maxPolls; }
        /** website type: fetch loopback addresses too (tests only); other private ranges stay refused. */
        private boolean allowLoopback = false;
        private long maxBytes = 2L * 1024 * 1024;
        private int maxRedirects = 5;
        /** website type: the whole call (redirects and reading included) ends by then; empty: twice the timeout, at least 15 s. */
        private Duration deadline;
        public Duration getDeadline() { return deadline; }
        public void setDeadline(Duration deadline) { this.deadline = deadline; }
        /** The deadline in force: the configured one, else twice the timeout but at least 15 s. */
        public Duration effectiveDeadline() {
            if (deadline != null) { return deadline; }
            var twice = timeout.multipliedBy(2);
            return twice.compareTo(Duration.ofSeconds(15)) > 0 ? twice : Duration.ofSeconds(15);
        }
        public boolean isAllowLoopback() { return allowLoopback; }
        public void setAllowLoopback(boolean allowLoopback) { this.allowLoopback = allowLoopback; }
        public long getMaxBytes() { return maxBytes; }
        public void setMaxBytes(long maxBytes) { this.maxBytes = maxBytes; }
        public int getMaxRedirects() { return maxRedirects; }
        public void setMaxRedirects(int maxRedirects) { this.maxRedirects = maxRedirects; }
        /** How far an answer of this provider is trusted (0..1); agreement between providers raises it. */
        private double confidence = 0.8;
        /** openai / anthropic types: the model, answer length, temperature and price per million tokens. */
        private String model;
        private int maxTokens = 4096; // one answer holds insight, twelve messages and a call script
        private double temperature = 0.4;
        private double priceInputPerMillion = 0;
        private double priceOutputPerMillion = 0;
        /** anthropic type: the anthropic-version header. */
        private String apiVersion = "2023-06-01";
        public String getModel() { return model; }
        public void setModel(String model) { this.model = model; }
        public int getMaxTokens() { return maxTokens; }
        public void setMaxTokens(int maxTokens) { this.maxTokens = maxTokens; }
        public double getTemperature() { return temperature; }
        public void setTemperature(double temperature) { this.temperature = temperature; }
        public double getPriceInputPerMillion() { return priceInputPerMillion; }
        public void setPriceInputPerMillion(double priceInputPerMillion) { this.priceInputPerMillion = priceInputPerMillion; }
        public double getPriceOutputPerMillion() { return priceOutputPerMillion; }
        public void setPriceOutputPerMillion(double priceOutputPerMillion) { this.priceOutputPerMillion = priceOutputPerMillion; }
        public String getApiVersion() { return apiVersion; }
        public void setApiVersion(String apiVersion) { this.apiVersion = apiVersion; }
        /** Questions per request for vendors with a bulk endpoint; 0 uses the vendor's limit (Apollo 10, pipe0 sync 9). */
        private int maxBatch = 0;
        public int getMaxBatch() { return maxBatch; }
        public void setMaxBatch(int maxBatch) { this.maxBatch = maxBatch; }
        public double getConfidence() { return confidence; }
        public void setConfidence(double confidence) { this.confidence = confidence; }
        private Duration timeout = Duration.ofSeconds(10);
        /** Requests allowed per period (the vendor's published rate). */
        private int rate = 10;
        private Duration period = Duration.ofSeconds(1);
        private int retryAttempts = 3;
        private Duration retryBackoff = Duration.ofMillis(500);
        /** Upper bound on a Retry-After the vendor asks for; longer waits give up this call. */
        private Duration retryMaxWait = Duration.ofSeconds(30);
        private float breakerFailureRate = 50;
        /** Low, so that a provider called a few times a minute can still trip. */
        private int breakerMinimumCalls = 5;
        private int breakerWindow = 20;
        private Duration breakerOpenDuration = Duration.ofSeconds(60);
        private Duration breakerSlowCall = Duration.ofSeconds(20);
        /** Trial calls let through after breaker-open-duration; their answers close or reopen the breaker. */
        private int breakerHalfOpenCalls = 1;
        public int getBreakerHalfOpenCalls() { return breakerHalfOpenCalls; }
        public void setBreakerHalfOpenCalls(int breakerHalfOpenCalls) { this.breakerHalfOpenCalls = breakerHalfOpenCalls; }
        private Duration cacheTtlHit = Duration.ofDays(30);
        private Duration cacheTtlMiss = Duration.ofDays(7);
        private double costPerCall = 0;
        private double costPerHit = 0;
        /** Spend limits; 0 means none. */
        private double dailyCap = 0;
        private double perLeadCap = 0;

        public String getType() { return type; }
        public void setType(String type) { this.type = type; }
        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public String getBaseUrl() { return baseUrl; }
        public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
        public String getApiKey() { return apiKey; }
        public void setApiKey(String apiKey) { this.apiKey = apiKey; }
        public List<String> getSignals() { return signals; }
        public void setSignals(List<String> signals) { this.signals = signals; }
        public int getPriority() { return priority; }
        public void setPriority(int priority) { this.priority = priority; }
        public Duration getTimeout() { return timeout; }
        public void setTimeout(Duration timeout) { this.timeout = timeout; }
        public int getRate() { return rate; }
        public void setRate(int rate) { this.rate = rate; }
        public Duration getPeriod() { return period; }
        public void setPeriod(Duration period) { this.period = period; }
        public int getRetryAttempts() { return retryAttempts; }
        public void setRetryAttempts(int retryAttempts) { this.retryAttempts = retryAttempts; }
        public Duration getRetryBackoff() { return retryBackoff; }
        public void setRetryBackoff(Duration retryBackoff) { this.retryBackoff = retryBackoff; }
        public Duration getRetryMaxWait() { return retryMaxWait; }
        public void setRetryMaxWait(Duration retryMaxWait) { this.retryMaxWait = retryMaxWait; }
        public float getBreakerFailureRate() { return breakerFailureRate; }
        public void setBreakerFailureRate(float breakerFailureRate) { this.breakerFailureRate = breakerFailureRate; }
        public int getBreakerMinimumCalls() { return breakerMinimumCalls; }
        public void setBreakerMinimumCalls(int breakerMinimumCalls) { this.breakerMinimumCalls = breakerMinimumCalls; }
        public int getBreakerWindow() { return breakerWindow; }
        public void setBreakerWindow(int breakerWindow) { this.breakerWindow = breakerWindow; }
        public Duration getBreakerOpenDuration() { return breakerOpenDuration; }
        public void setBreakerOpenDuration(Duration breakerOpenDuration) { this.breakerOpenDuration = breakerOpenDuration; }
        public Duration getBreakerSlowCall() { return breakerSlowCall; }
        public void setBreakerSlowCall(Duration breakerSlowCall) { this.breakerSlowCall = breakerSlowCall; }
        public Duration getCacheTtlHit() { return cacheTtlHit; }
        public void setCacheTtlHit(Duration cacheTtlHit) { this.cacheTtlHit = cacheTtlHit; }
        public Duration getCacheTtlMiss() { return cacheTtlMiss; }
        public void setCacheTtlMiss(Duration cacheTtlMiss) { this.cacheTtlMiss = cacheTtlMiss; }
        public double getCostPerCall() { return costPerCall; }
        public void setCostPerCall(double costPerCall) { this.costPerCall = costPerCall; }
        public double getCostPerHit() { return costPerHit; }
        public void setCostPerHit(double costPerHit) { this.costPerHit = costPerHit; }
        public double getDailyCap() { return dailyCap; }
        public void setDailyCap(double dailyCap) { this.dailyCap = dailyCap; }
        public double getPerLeadCap() { return perLeadCap; }
        public void setPerLeadCap(double perLeadCap) { this.perLeadCap = perLeadCap; }
    }
}
