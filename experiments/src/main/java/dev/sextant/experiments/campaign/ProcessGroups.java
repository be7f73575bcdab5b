package dev.sextant.experiments.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Evaluator process groups recorded with their trials, so that a later run can stop what outlived a dead runner and
 * its watchdog. A record is the text {@code "HOST PGID START_MILLIS"}: the machine, the process group id (the pid of
 * the group's leader, started through {@code setsid}) and the leader's start time. {@link #kill} stops, on the same
 * machine only, every process of that group that started no earlier than the leader did (a reused id cannot match:
 * the kernel does not hand out an id while a group still uses it, and anything older than the record is spared).
 * Reads the group of each process from {@code /proc} (Linux); elsewhere it kills only a still-living leader whose
 * start time matches.
 */
final class ProcessGroups {
    /** The trial attribute holding the record. */
    static final String ATTRIBUTE = "sextant.process_group";

    private ProcessGroups() {
    }

    /** The record for a group led by {@code leader} on this machine. */
    static String record(ProcessHandle leader) {
        long start = leader.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return CampaignRunner.host() + " " + leader.pid() + " " + start;
    }

    /** Kills what is left of a recorded group (see the class comment); returns how many processes were killed. */
    static int kill(String record) {
        String[] f = record == null ? new String[0] : record.trim().split(" ");
        if (f.length != 3 || !f[0].equals(CampaignRunner.host())) {
            return 0;   // another machine's evaluator (its own watchdog or the next run there stops it)
        }
        long pgid;
        long start;
        try {
            pgid = Long.parseLong(f[1]);
            start = Long.parseLong(f[2]);
        } catch (NumberFormatException e) {
            return 0;
        }
        List<ProcessHandle> members = new ArrayList<>();
        Path proc = Path.of("/proc");
        if (Files.isDirectory(proc.resolve("self"))) {
            try (Stream<Path> all = Files.list(proc)) {
                all.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                        .filter(p -> groupOf(p) == pgid)
                        .forEach(p -> ProcessHandle.of(Long.parseLong(p.getFileName().toString())).ifPresent(members::add));
            } catch (IOException e) {
                return 0;
            }
        } else {
            ProcessHandle.of(pgid).ifPresent(members::add);
        }
        int killed = 0;
        long self = ProcessHandle.current().pid();
        for (ProcessHandle h : members) {
            Optional<Instant> began = h.info().startInstant();
            if (h.pid() == self || began.isEmpty() || began.get().toEpochMilli() + 1000 < start) {
                continue;   // older than the recorded leader: not that group
            }
            if (h.destroyForcibly()) {
                killed++;
            }
        }
        return killed;
    }

    /** The process group of the process whose /proc folder is {@code dir}, or -1. */
    private static long groupOf(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"));
            // pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses: split after the last ')'
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(rest[2]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
