package org.cybermarket.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SuggestionsTest {
    private static final List<String> COMMANDS = List.of("pipeline", "ingest", "returns", "sectors", "event-study", "forecast",
            "report", "query", "describe");

    @Test
    void aDroppedLetterFindsTheCommand() {
        assertEquals(Optional.of("pipeline"), Suggestions.closest("pipline", COMMANDS));
    }

    @Test
    void underscoreAndHyphenAreTheSame() {
        assertEquals(Optional.of("event-study"), Suggestions.closest("event_study", COMMANDS));
    }

    @Test
    void aSwapOfNeighboursIsOneEdit() {
        assertEquals(1, Suggestions.distance("sectros", "sectors"));
        assertEquals(Optional.of("sectors"), Suggestions.closest("sectros", COMMANDS));
    }

    @Test
    void caseIsIgnoredButTheCandidateIsReturnedAsWritten() {
        assertEquals(Optional.of("Cybersecurity"), Suggestions.closest("CyberSecurity", List.of("Computers", "Cybersecurity")));
    }

    @Test
    void anotherWordGetsNoSuggestion() {
        assertEquals(Optional.empty(), Suggestions.closest("banana", COMMANDS));
        assertEquals("", Suggestions.didYouMean("banana", COMMANDS));
    }

    @Test
    void thePluralIsSuggestedForADatasetName() {
        assertEquals(" (did you mean 'sector_returns'?)", Suggestions.didYouMean("sector_return", List.of("returns", "sector_returns", "securities")));
    }
}
