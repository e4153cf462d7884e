package io.leadhub.facts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.leadhub.facts.Seniority.Level;

/** Seniority from a provider's value or a title: the lists personalization and scoring each had, as one. */
class SeniorityTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            owner                  | EXECUTIVE
            founder                | EXECUTIVE
            c_suite                | EXECUTIVE
            C-Suite                | EXECUTIVE
            csuite                 | EXECUTIVE
            c level                | EXECUTIVE
            partner                | EXECUTIVE
            executive              | EXECUTIVE
            president              | EXECUTIVE
            chief                  | EXECUTIVE
            vp                     | LEADER
            Vice_President         | LEADER
            head                   | LEADER
            director               | LEADER
            manager                | MANAGER
            lead                   | MANAGER
            team-lead              | MANAGER
            senior                 | INDIVIDUAL
            entry                  | INDIVIDUAL
            intern                 | INDIVIDUAL
            junior                 | INDIVIDUAL
            individual_contributor | INDIVIDUAL
            training               | INDIVIDUAL
            unpaid                 | -
            """)
    void providerValues(String value, Level level) {
        assertThat(Seniority.ofSeniority(value).orElse(null)).isEqualTo(level);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Chief Executive Officer          | EXECUTIVE
            CTO at Acme                      | EXECUTIVE
            CSO                              | EXECUTIVE
            CHRO                             | EXECUTIVE
            CCO                              | EXECUTIVE
            CXO                              | EXECUTIVE
            Co-Founder                       | EXECUTIVE
            Owner                            | EXECUTIVE
            Managing Director                | EXECUTIVE
            General Manager                  | EXECUTIVE
            Managing Partner                 | EXECUTIVE
            President                        | EXECUTIVE
            Vice President of Sales          | LEADER
            SVP, Global Operations           | LEADER
            Head of Logistics                | LEADER
            Director of Sales, EMEA          | LEADER
            Dir. Marketing                   | LEADER
            Fleet Manager                    | MANAGER
            Mgr, Software Engineering        | MANAGER
            Shift Supervisor                 | MANAGER
            Team Lead Payments               | MANAGER
            Product Owner                    | -
            Process Owner                    | -
            Software Engineer                | -
            Lead Engineer                    | -
            """)
    void titles(String title, Level level) {
        assertThat(Seniority.ofTitle(title).orElse(null)).isEqualTo(level);
    }

    @Test
    void ranksAndTheirAbbreviations() {
        assertThat(Seniority.rank("directors", null)).isEqualTo("director");
        assertThat(Seniority.rank("owner", "shop")).isEqualTo("owner");
        assertThat(Seniority.rank("owner", "product")).isNull();
        assertThat(Seniority.rank("engineer", null)).isNull();
        assertThat(Seniority.RANK_ABBREVIATIONS).containsEntry("svp", "vp").containsEntry("mgr", "manager").containsEntry("cofounder", "founder");
        assertThat(Seniority.CHIEF_OFFICERS).containsKeys("ceo", "cto", "cfo", "coo", "cmo", "cro", "cio", "ciso", "cpo", "cdo", "cso",
                "chro", "cco", "cxo").containsEntry("cto", "technology");
        assertThat(Seniority.spelledOut("Vice President, C-Suite, Chief Executive Officer, Co-Founder").replaceAll("\\s+", " "))
                .isEqualTo(" vp , chief , ceo , founder ".replaceAll("\\s+", " "));
    }
}
