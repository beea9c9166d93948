package com.mallsync.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ComponentArgsTest {

    @Test
    void aSecondInstanceGetsItsOwnPortInPlaceOfTheFirstsNotAppendedToIt() {
        List<String> first = ComponentArgs.of(Component.MEMBER_SYNC, StackPorts.defaults(), "127.0.0.1:9092");

        List<String> second = ComponentArgs.replacing(first,
                List.of("--server.port=18081", "--member-sync.consumer.group-instance-id=member-sync-2"));

        assertThat(second).contains("--server.port=18081", "--member-sync.consumer.group-instance-id=member-sync-2")
                .doesNotContain("--server.port=8081")
                .filteredOn(a -> a.startsWith("--server.port=")).hasSize(1);
        // everything else unchanged, in the same order
        assertThat(second.subList(0, first.size())).hasSize(first.size());
        assertThat(second.indexOf("--server.port=18081")).isEqualTo(first.indexOf("--server.port=8081"));
        assertThat(second).hasSize(first.size() + 1);
    }

    @Test
    void replacingMatchesWholeKeysOnlyAndLeavesOtherArgumentsAlone() {
        List<String> command = List.of("java", "-Dx=1", "-jar", "a.jar", "--a.b=1", "--a.bc=2");

        assertThat(ComponentArgs.replacing(command, List.of("--a.b=9")))
                .containsExactly("java", "-Dx=1", "-jar", "a.jar", "--a.b=9", "--a.bc=2");
        assertThat(ComponentArgs.replacing(command, List.of("--a=3")))
                .containsExactly("java", "-Dx=1", "-jar", "a.jar", "--a.b=1", "--a.bc=2", "--a=3");
    }
}
