package org.cybermarket.config;

import java.io.Serializable;

/**
 * What the report's findings are about. The report reads it from the run manifest's config.
 *
 * @param focusIndustry the industry the findings follow in every region and market (default Cybersecurity)
 */
public record ReportSettings(String focusIndustry) implements Serializable {
    public ReportSettings {
        focusIndustry = focusIndustry == null || focusIndustry.isBlank() ? "Cybersecurity" : focusIndustry;
    }

    public static ReportSettings defaults() {
        return new ReportSettings(null);
    }
}
