package io.leadhub.score.fit;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.Set;

/**
 * Country codes and the region names sellers use for their markets. A product's regions may mix ISO 3166
 * alpha-2 codes ("DE"), country names ("Germany") and region names (EU, EEA, Europe, DACH, Nordics, Benelux,
 * UK&amp;I, CEE, Baltics, Iberia, EMEA, MENA, Middle East, GCC, Africa, NA / North America, LATAM, Americas,
 * APAC, ANZ, SEA, Asia, Global). "NA" is North America here, as sellers mean it, not Namibia: a Namibian lead
 * matches "Namibia" or "Africa". Membership follows common sales-territory usage (Turkey and Cyprus, for
 * instance, count in the Middle East as well as in Europe / the EU where they belong).
 */
final class Regions {

    private static final Set<String> EU = codes("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO"
            + " SK SI ES SE");
    private static final Set<String> EEA = union(EU, codes("IS LI NO"));
    private static final Set<String> EUROPE = union(EEA, codes("CH GB AD AL BA BY FO GI GG IM JE MC MD ME MK RS RU"
            + " SM UA VA XK AX SJ"));
    private static final Set<String> MIDDLE_EAST = codes("AE BH CY EG IL IQ IR JO KW LB OM PS QA SA SY TR YE");
    private static final Set<String> NORTH_AFRICA = codes("DZ EG LY MA SD TN EH");
    private static final Set<String> AFRICA = union(NORTH_AFRICA, codes("AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ"
            + " GQ ER SZ ET GA GM GH GN GW KE LS LR MG MW ML MR MU YT MZ NA NE NG RE RW SH ST SN SC SL SO ZA SS TZ"
            + " TG UG ZM ZW"));
    private static final Set<String> NORTH_AMERICA = codes("US CA MX");
    private static final Set<String> LATAM = codes("MX BZ CR SV GT HN NI PA CU DO PR HT AR BO BR CL CO EC GY PY PE"
            + " SR UY VE GF");
    private static final Set<String> AMERICAS = union(union(NORTH_AMERICA, LATAM), codes("GL BM JM TT BS BB AG DM"
            + " GD KN LC VC AW CW KY TC VG VI"));
    private static final Set<String> SOUTH_EAST_ASIA = codes("BN KH ID LA MY MM PH SG TH TL VN");
    private static final Set<String> ASIA = union(SOUTH_EAST_ASIA, codes("CN HK MO TW JP KR KP MN AF BD BT IN MV NP"
            + " PK LK KZ KG TJ TM UZ"));
    private static final Set<String> OCEANIA = codes("AU NZ PG FJ SB VU NC PF WS TO KI FM MH PW NR TV");
    private static final Set<String> APAC = union(ASIA, OCEANIA);

    /** Region names, normalised by {@link #key}, to their countries. */
    private static final Map<String, Set<String>> REGIONS = new HashMap<>();
    /** Country names and other spellings, normalised by {@link #key}, to alpha-2 codes. */
    private static final Map<String, String> COUNTRIES = new HashMap<>();
    private static final Set<String> ISO = Set.of(Locale.getISOCountries());

    static {
        region(EU, "EU", "European Union");
        region(EEA, "EEA", "European Economic Area");
        region(EUROPE, "Europe", "EUR");
        region(codes("DE AT CH"), "DACH", "D-A-CH");
        region(codes("DK FI IS NO SE FO GL AX"), "Nordics", "Nordic", "Nordic countries");
        region(codes("DK NO SE"), "Scandinavia");
        region(codes("BE NL LU"), "Benelux");
        region(codes("GB IE"), "UK&I", "UKI", "UK and Ireland", "British Isles");
        region(codes("PL CZ SK HU RO BG HR SI EE LV LT RS BA ME MK AL UA MD BY XK"), "CEE",
                "Central and Eastern Europe", "Eastern Europe");
        region(codes("EE LV LT"), "Baltics", "Baltic states");
        region(codes("ES PT"), "Iberia");
        region(union(union(EUROPE, MIDDLE_EAST), AFRICA), "EMEA");
        region(union(MIDDLE_EAST, NORTH_AFRICA), "MENA");
        region(MIDDLE_EAST, "Middle East"); // not "ME": that is Montenegro
        region(codes("AE BH KW OM QA SA"), "GCC", "Gulf");
        region(AFRICA, "Africa");
        region(NORTH_AMERICA, "NA", "North America", "NORAM", "NAM");
        region(LATAM, "LATAM", "Latin America", "LAC");
        region(AMERICAS, "Americas", "AMER");
        region(APAC, "APAC", "Asia Pacific", "Asia-Pacific", "APJ");
        region(codes("AU NZ"), "ANZ", "Australia and New Zealand");
        region(SOUTH_EAST_ASIA, "SEA", "Southeast Asia", "South-East Asia", "ASEAN");
        region(ASIA, "Asia");
        region(OCEANIA, "Oceania");
        region(ISO, "Global", "Worldwide", "WW", "All", "International");

        for (var code : ISO) {
            var locale = new Locale("", code);
            COUNTRIES.put(key(locale.getDisplayCountry(Locale.ENGLISH)), code);
            try {
                COUNTRIES.put(key(locale.getISO3Country()), code);
            } catch (MissingResourceException e) {
                // no alpha-3 code known: the name and alpha-2 code still work
            }
        }
        alias("GB", "UK", "United Kingdom", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland");
        alias("US", "USA", "U.S.", "U.S.A.", "United States of America", "America");
        alias("GR", "EL");
        alias("CZ", "Czech Republic", "Czechia");
        alias("KR", "Korea", "Republic of Korea", "South Korea");
        alias("RU", "Russian Federation");
        alias("NL", "Holland", "The Netherlands");
        alias("TR", "Turkiye");
        alias("AE", "UAE");
        alias("VN", "Viet Nam");
        alias("CI", "Ivory Coast", "Cote d'Ivoire");
        alias("MK", "Macedonia");
        alias("XK", "Kosovo");
    }

    private Regions() {
    }

    /** The alpha-2 code of a country given as code, alpha-3 code or English name; empty when unknown. */
    static Optional<String> country(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        var v = value.strip();
        if (v.length() == 2) {
            var upper = v.toUpperCase(Locale.ROOT);
            if (ISO.contains(upper) || upper.equals("XK")) {
                return Optional.of(upper);
            }
        }
        return Optional.ofNullable(COUNTRIES.get(key(v)));
    }

    /**
     * The countries a product's region entry stands for: a region name's members, or the one country a code or
     * name gives; empty when not understood.
     */
    static Set<String> expand(String regionOrCountry) {
        if (regionOrCountry == null || regionOrCountry.isBlank()) {
            return Set.of();
        }
        var region = REGIONS.get(key(regionOrCountry));
        if (region != null) {
            return region;
        }
        return country(regionOrCountry).map(Set::of).orElse(Set.of());
    }

    /** Whether the entry is a region name (as opposed to a country). */
    static boolean isRegion(String regionOrCountry) {
        return regionOrCountry != null && REGIONS.containsKey(key(regionOrCountry));
    }

    private static String key(String name) {
        return Words.normalise(name).replace(" ", "");
    }

    private static void region(Set<String> countries, String... names) {
        for (var n : names) {
            REGIONS.put(key(n), countries);
        }
    }

    private static void alias(String code, String... names) {
        for (var n : names) {
            COUNTRIES.put(key(n), code);
        }
    }

    private static Set<String> codes(String spaceSeparated) {
        return Set.copyOf(List.of(spaceSeparated.split(" ")));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var all = new LinkedHashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
