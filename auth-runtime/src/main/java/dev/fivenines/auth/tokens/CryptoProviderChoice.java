package dev.fivenines.auth.tokens;

import java.util.Map;

/**
 * Which provider token signatures go through, decided once at start-up: the native Amazon Corretto Crypto
 * Provider, or the JDK's provider where the native library could not load (another OS or CPU than the
 * packaged library's). Pure: the start-up log line and the metric's labels are computed here.
 *
 * @param provider   the JCA provider name that serves SHA256withECDSA
 * @param nativeCode whether that provider runs native code (AWS-LC)
 * @param osArch     the JVM's {@code os.arch}
 * @param reason     why the native provider is not used (null when it is)
 */
public record CryptoProviderChoice(String provider, boolean nativeCode, String osArch, String reason) {

    /** The Prometheus name is {@code fivenines_crypto_provider_info}; its value is always 1. */
    public static final String METRIC = "fivenines.crypto.provider.info";

    public static CryptoProviderChoice nativeProvider(String provider, String osArch) {
        return new CryptoProviderChoice(provider, true, osArch, null);
    }

    public static CryptoProviderChoice fallback(String jdkProvider, String osArch, Throwable why) {
        String reason = why == null ? "unknown" : why.getClass().getSimpleName() + (why.getMessage() == null ? "" : ": " + why.getMessage());
        return new CryptoProviderChoice(jdkProvider, false, osArch, reason);
    }

    /** One line that says which provider signs, whether it is native, on which architecture, and (fallback) why. */
    public String logLine() {
        if (nativeCode) {
            return "token signatures use " + provider + " (native AWS-LC) on " + osArch;
        }
        return "token signatures use the JDK provider " + provider + " (not native, about 25 times slower for ES256) on " + osArch
                + ": the native crypto provider could not load (" + reason + ")";
    }

    /** Labels of the info gauge. */
    public Map<String, String> labels() {
        return Map.of("provider", provider, "native", Boolean.toString(nativeCode), "arch", osArch);
    }
}
