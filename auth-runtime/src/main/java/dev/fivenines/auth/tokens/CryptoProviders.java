package dev.fivenines.auth.tokens;

import java.security.Provider;
import java.security.Security;
import java.util.logging.Logger;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

/**
 * Puts Amazon Corretto Crypto Provider (native AWS-LC behind the JCA) first, so ECDSA signatures run at
 * native speed (about 25 times the JDK 17 default; docs/benchmarks.md). Where its native library cannot
 * load (another OS or CPU), the JDK's providers stay in charge and start-up says so.
 */
public final class CryptoProviders {

    private static final Logger LOG = Logger.getLogger(CryptoProviders.class.getName());
    private static volatile String active;

    private CryptoProviders() {
    }

    /** Installs the native provider once; returns the name of the provider signatures go through. */
    public static synchronized String install() {
        if (active != null) {
            return active;
        }
        try {
            AmazonCorrettoCryptoProvider.install();
            AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
            active = AmazonCorrettoCryptoProvider.PROVIDER_NAME;
            LOG.info("signatures use " + active + " (native AWS-LC)");
        } catch (Throwable e) {
            Provider fallback = Security.getProviders("Signature.SHA256withECDSA")[0];
            active = fallback.getName();
            LOG.warning("the native crypto provider could not load (" + e.getMessage() + "); signatures use the JDK provider "
                    + active + ", about 25 times slower for ES256");
        }
        return active;
    }
}
