package dev.jmlflow.access;

/** One changed HR attribute of a mover, e.g. department Sales to Engineering. */
public record AttributeChange(String attribute, String from, String to) {
}
