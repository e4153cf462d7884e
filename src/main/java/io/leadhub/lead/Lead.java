package io.leadhub.lead;

import java.util.Map;

/** A checked, normalised lead ready to be stored; leadKey is what makes two arrivals one lead. */
public record Lead(
        String workspace,
        String leadKey,
        String sourceId,
        String email,
        String firstName,
        String lastName,
        String fullName,
        String title,
        String phone,
        String linkedinUrl,
        String companyName,
        String companyNameNormalized,
        String companyDomain,
        String website,
        String country,
        String city,
        Map<String, Object> attributes) {
}
