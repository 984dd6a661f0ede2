package dev.fivenines.api.v1alpha1;

/** Token signature algorithms. */
public enum Algorithm {
    ES256,
    EdDSA
}
