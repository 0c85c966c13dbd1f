package org.provenant.indicators;

/** A labelled point on a map, in map pixel coordinates (e.g. a detected spectral peak). */
public record Marker(double x, double y, String label) {
}
