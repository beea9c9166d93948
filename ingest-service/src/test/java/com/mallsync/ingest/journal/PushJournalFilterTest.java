package com.mallsync.ingest.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class PushJournalFilterTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private final PushJournal journal = new PushJournal(100, 10);
    private final PushJournalFilter filter = new PushJournalFilter(journal, PushJournalConfig.WEBHOOK, 64 * 1024,
            Clock.fixed(T, ZoneOffset.UTC));

    @Test
    void aPushIsJournaledUnderItsOrderWithTheAnswerTheMallGotAndTheReplyStillReachesTheMall() throws Exception {
        MockHttpServletResponse response = push("{\"mall_id\":222,\"detail\":[{\"num\":1}],\"order_no\":\"T1\"}",
                200, "{\"code\":0,\"msg\":\"accepted\",\"eventId\":\"e-1\"}");

        assertThat(response.getContentAsString()).isEqualTo("{\"code\":0,\"msg\":\"accepted\",\"eventId\":\"e-1\"}");
        assertThat(journal.find("222:T1", 10).get("222:T1")).containsExactly(
                new PushJournal.Push(T, 200, 0, "accepted", "e-1", journal.find("222:T1", 1).get("222:T1").get(0).millis()));
    }

    @Test
    void anAcceptedPushIsJournaledWithTheEventsItPublishedAndAnyContradiction() throws Exception {
        push("{\"mall_id\":222,\"order_no\":\"T3\"}", 200, "{\"code\":0,\"msg\":\"accepted\",\"eventId\":\"e-3\","
                + "\"events\":[\"CONFIRMED\",\"REFUNDED\"],\"refundedLines\":[496877],"
                + "\"contradictions\":[\"CANCELLED was accepted from an earlier push\"]}");

        PushJournal.Push journaled = journal.find("222:T3", 1).get("222:T3").get(0);
        assertThat(journaled.events()).containsExactly("CONFIRMED", "REFUNDED");
        assertThat(journaled.refundedLines()).containsExactly(496877L);
        assertThat(journaled.contradictions()).containsExactly("CANCELLED was accepted from an earlier push");
    }

    @Test
    void aRefusedPushIsJournaledWithItsCodeAndAPushNamingNoOrderIsNot() throws Exception {
        push("{\"mall_id\":\"222\",\"order_no\":\"T2\",\"app_sign\":\"forged\"}", 401,
                "{\"code\":40101,\"msg\":\"app_sign: missing or does not match\",\"field\":\"app_sign\"}");
        push("not json", 400, "{\"code\":40002,\"msg\":\"body: is not valid JSON\"}");

        assertThat(journal.find("T2", 10).get("222:T2")).singleElement()
                .satisfies(p -> assertThat(p.code()).isEqualTo(40101));
        assertThat(journal.size()).isEqualTo(1);
    }

    @Test
    void theKeyIsFoundInABodyCutOffAfterItAndNotInNestedObjects() {
        assertThat(PushKeys.key("{\"mall_id\":305,\"order_no\":\"X9\",\"detail\":[{\"a\"".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("305:X9");
        assertThat(PushKeys.key("{\"user\":{\"mall_id\":1,\"order_no\":\"no\"}}".getBytes(StandardCharsets.UTF_8)))
                .isNull();
        assertThat(PushKeys.key("{\"mall_id\":99999999999999999999999,\"order_no\":\"X\"}"
                .getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(PushKeys.key("[1,2]".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    private MockHttpServletResponse push(String body, int status, String reply) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", PushJournalConfig.WEBHOOK);
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest req, HttpServletResponse res)
                    throws java.io.IOException {
                req.getInputStream().readAllBytes();
                res.setStatus(status);
                res.getOutputStream().write(reply.getBytes(StandardCharsets.UTF_8));
            }
        }));
        return response;
    }
}
