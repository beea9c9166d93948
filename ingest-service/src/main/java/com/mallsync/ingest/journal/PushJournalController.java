package com.mallsync.ingest.journal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /pushes?order=222:T1} (or {@code ?order=T1}, any mall): the pushes of the order this instance
 * remembers, with its answers, for the ops console. No buyer data: time, status, code, message, event id.
 */
@RestController
class PushJournalController {

    static final int MAX_ORDERS = 10;

    private final PushJournal journal;

    PushJournalController(PushJournal journal) {
        this.journal = journal;
    }

    @GetMapping("/pushes")
    ResponseEntity<Map<String, Object>> pushes(@RequestParam(name = "order", defaultValue = "") String order) {
        String query = order.strip();
        if (query.isEmpty() || query.length() > 100) {
            return ResponseEntity.badRequest().body(Map.of("error", "order: give mallId:orderNo or an order number"));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("order", query);
        out.put("orders", journal.find(query, MAX_ORDERS));
        out.put("journaled", journal.size());
        return ResponseEntity.ok(out);
    }
}
