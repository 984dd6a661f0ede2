package dev.fivenines.auth.tokens;

import java.security.Provider;
import java.security.Security;

import org.jboss.logging.Logger;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

/**
 * Puts Amazon Corretto Crypto Provider (native AWS-LC behind the JCA) first, so ECDSA signatures run at
 * native speed (about 25 times the JDK 17 default; docs/benchmarks.md). Where its native library cannot
 * load (another OS or CPU), the JDK's providers stay in charge and start-up says so, in one line.
 */
public final class CryptoProviders {

    private static final Logger LOG = Logger.getLogger(CryptoProviders.class);
    private static volatile CryptoProviderChoice choice;

    private CryptoProviders() {
    }

    /** Installs the native provider once; returns the name of the provider signatures go through. */
    public static String install() {
        return choice().provider();
    }

    /** Installs the native provider once (logging the outcome); returns what was chosen. */
    public static synchronized CryptoProviderChoice choice() {
        if (choice != null) {
            return choice;
        }
        String arch = System.getProperty("os.arch", "unknown");
        CryptoProviderChoice chosen;
        try {
            AmazonCorrettoCryptoProvider.install();
            AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
            chosen = CryptoProviderChoice.nativeProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME, arch);
        } catch (Throwable e) {
            // an unhealthy native provider must not stay first in line
            Security.removeProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
            Provider fallback = Security.getProviders("Signature.SHA256withECDSA")[0];
            chosen = CryptoProviderChoice.fallback(fallback.getName(), arch, loadingError(e));
        }
        if (chosen.nativeCode()) {
            LOG.info(chosen.logLine());
        } else {
            LOG.warn(chosen.logLine());
        }
        choice = chosen;
        return chosen;
    }

    private static Throwable loadingError(Throwable e) {
        try {
            Throwable loading = AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
            return loading != null ? loading : e;
        } catch (Throwable again) {
            return e;
        }
    }
}
