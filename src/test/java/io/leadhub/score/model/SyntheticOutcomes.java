package io.leadhub.score.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Generated leads whose conversion depends on known features, plus features that carry no signal.
 *
 * <p>True model: log-odds = -3.4 + 1.5 senior title + 1.2 company size in the 50..5,000 band
 * + 0.8 log1p(decayed engagement points) + 0.15 ln(employees); the outcome is a coin flip with that probability,
 * so even the true model cannot separate the classes perfectly. The noise features are drawn independently of
 * everything else, in the same kinds of ranges as the real ones (a flag, a 1..100,000 count, a 0..100 score,
 * a Gaussian).
 */
final class SyntheticOutcomes {

    static final Set<String> RELEVANT = Set.of("title_senior", "company_size_in_range", "engagement_points");
    static final Set<String> NOISE = Set.of("noise_flag", "noise_count", "noise_score", "noise_gaussian");

    private SyntheticOutcomes() {
    }

    record Lead(LabeledExample example, double trueProbability) {
    }

    static List<LabeledExample> examples(int n, long seed) {
        return leads(n, seed).stream().map(Lead::example).toList();
    }

    static List<Lead> leads(int n, long seed) {
        var random = new Random(seed);
        var leads = new ArrayList<Lead>(n);
        for (int i = 0; i < n; i++) {
            boolean senior = random.nextDouble() < 0.3;
            double employees = Math.floor(Math.exp(random.nextDouble() * Math.log(100_000)));
            boolean inRange = employees >= 50 && employees <= 5_000;
            // engagement events over the last 90 days, each worth 1..10 points, halving every 14 days
            int events = random.nextDouble() < 0.4 ? 0 : 1 + random.nextInt(12);
            double engagement = 0;
            for (int e = 0; e < events; e++) {
                engagement += (1 + random.nextInt(10)) * Math.pow(0.5, random.nextDouble() * 90 / 14);
            }
            double logit = -4.2 + 2.0 * (senior ? 1 : 0) + 1.6 * (inRange ? 1 : 0)
                    + 1.1 * Math.log1p(engagement) + 0.15 * Math.log(employees);
            double p = 1 / (1 + Math.exp(-logit));

            var features = new LinkedHashMap<String, Double>();
            features.put("title_senior", senior ? 1.0 : 0.0);
            features.put("employees", employees);
            features.put("company_size_in_range", inRange ? 1.0 : 0.0);
            features.put("engagement_points", engagement);
            features.put("noise_flag", random.nextBoolean() ? 1.0 : 0.0);
            features.put("noise_count", Math.floor(Math.exp(random.nextDouble() * Math.log(100_000))));
            features.put("noise_score", random.nextDouble() * 100);
            features.put("noise_gaussian", random.nextGaussian());
            leads.add(new Lead(new LabeledExample(features, random.nextDouble() < p), p));
        }
        return leads;
    }
}
