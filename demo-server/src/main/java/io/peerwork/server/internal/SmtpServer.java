package io.peerwork.server.internal;

import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The mail server of {@code --smtp-url}: {@code smtp://host:port} (plain SMTP, upgraded with
 * STARTTLS when the server offers it) or {@code smtps://host:port} (TLS from the first byte). The
 * port may be left out: 587 for smtp, 465 for smtps.
 *
 * @param tls whether the connection is TLS from the start (smtps)
 * @param host the server's name or address
 * @param port its port
 */
public record SmtpServer(boolean tls, String host, int port) {

  /**
   * Reads {@code url}.
   *
   * @throws IllegalArgumentException naming {@code --smtp-url} for anything but {@code
   *     smtp[s]://host[:port]}
   */
  public static SmtpServer parse(String url) {
    String problem = "--smtp-url=" + url + " is not valid: use smtp://host:port (STARTTLS when offered) or"
        + " smtps://host:port (TLS), without user, path or query (--smtp-user and --smtp-password carry the login)";
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(problem, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("smtp") && !scheme.equals("smtps") || uri.getHost() == null || uri.getRawUserInfo() != null
        || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
        || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(problem);
    }
    boolean tls = scheme.equals("smtps");
    int port = uri.getPort() == -1 ? (tls ? 465 : 587) : uri.getPort();
    return new SmtpServer(tls, uri.getHost(), port);
  }

  /** The Vert.x mail client's settings: this server, and a login if {@code user} is not empty. */
  MailConfig mailConfig(String user, String password) {
    var config = new MailConfig()
        .setHostname(host)
        .setPort(port)
        .setSsl(tls)
        .setStarttls(tls ? StartTLSOptions.DISABLED : StartTLSOptions.OPTIONAL)
        .setConnectTimeout(10_000)
        .setKeepAlive(true);
    config.setIdleTimeout(60);
    if (user.isEmpty()) {
      config.setLogin(LoginOption.DISABLED);
    } else {
      config.setLogin(LoginOption.REQUIRED).setUsername(user).setPassword(password);
    }
    return config;
  }

  @Override
  public String toString() {
    return (tls ? "smtps://" : "smtp://") + host + ":" + port;
  }
}
