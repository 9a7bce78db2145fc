package dev.jmlflow.access;

/** A separation-of-duties rule a group belongs to: no one may hold two different groups of one conflict set. */
public record SodRule(String conflictSet, String reason) {
}
