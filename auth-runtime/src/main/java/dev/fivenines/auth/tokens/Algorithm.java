package dev.fivenines.auth.tokens;

import com.nimbusds.jose.JWSAlgorithm;

/** The signature algorithms tokens may use; anything else is refused when verifying. */
public enum Algorithm {
    ES256(JWSAlgorithm.ES256),
    EdDSA(JWSAlgorithm.EdDSA);

    private final JWSAlgorithm jws;

    Algorithm(JWSAlgorithm jws) {
        this.jws = jws;
    }

    public JWSAlgorithm jws() {
        return jws;
    }

    static Algorithm of(JWSAlgorithm jws) {
        for (Algorithm a : values()) {
            if (a.jws.equals(jws)) {
                return a;
            }
        }
        return null;
    }
}
