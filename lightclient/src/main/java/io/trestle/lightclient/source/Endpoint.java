package io.trestle.lightclient.source;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * One server base URL ({@code http} or {@code https}). Request paths are appended to its path, so a provider
 * URL with a key in the path ({@code https://host/v3/KEY}) works. {@link #label()} and {@link #toString()} show
 * only scheme, host and port, so logs and error messages never carry keys from the path, query or user info.
 *
 * <p>Trust: an endpoint is where untrusted data comes from; choosing it grants nothing.
 *
 * @param base the base URL
 */
public record Endpoint(URI base) {
  /** Validates the URL: absolute, {@code http}/{@code https}, with a host, no fragment. */
  public Endpoint {
    Objects.requireNonNull(base, "base");
    final String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("endpoint must be an http(s) URL");
    }
    if (base.getHost() == null || base.getRawFragment() != null || base.isOpaque()) {
      throw new IllegalArgumentException("endpoint must be an absolute http(s) URL with a host and no fragment");
    }
  }

  /** Parses a URL string. */
  public static Endpoint of(final String url) {
    return new Endpoint(URI.create(url));
  }

  /** {@code scheme://host[:port]}, safe to log. */
  public String label() {
    return base.getScheme() + "://" + base.getHost() + (base.getPort() >= 0 ? ":" + base.getPort() : "");
  }

  /** The URL of {@code pathAndQuery} (starting with {@code /}, or empty for the base itself) under the base. */
  URI resolve(final String pathAndQuery) {
    if (pathAndQuery.isEmpty()) {
      return base;
    }
    final int q = pathAndQuery.indexOf('?');
    final String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    final String query = q < 0 ? null : pathAndQuery.substring(q + 1);
    String basePath = base.getRawPath() == null ? "" : base.getRawPath();
    while (basePath.endsWith("/")) {
      basePath = basePath.substring(0, basePath.length() - 1);
    }
    final String baseQuery = base.getRawQuery();
    final String joined = baseQuery == null ? query : (query == null ? baseQuery : baseQuery + "&" + query);
    return URI.create(base.getScheme() + "://" + base.getRawAuthority() + basePath + path
        + (joined == null ? "" : "?" + joined));
  }

  @Override
  public String toString() {
    return label();
  }
}
