package dev.microservice.localcluster;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates signed by one CA: the cluster's (the apiserver's serving certificate and a client certificate per
 * identity), or the front proxy's (the apiserver's client certificate towards aggregated API servers).
 */
final class Pki {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Path dir;
  private final String caFile;
  private final KeyPair caKey;
  private final X509Certificate ca;

  /** A certificate and key written as PEM files. */
  record KeyFiles(Path cert, Path key) {}

  private Pki(Path dir, String caFile, KeyPair caKey, X509Certificate ca) {
    this.dir = dir;
    this.caFile = caFile;
    this.caKey = caKey;
    this.ca = ca;
  }

  /** Creates the cluster CA in {@code dir/ca.crt} and {@code dir/ca.key}. */
  static Pki create(Path dir) {
    return create(dir, "ca", "local-cluster-ca");
  }

  /**
   * Creates a CA of its own in {@code dir/<file>.crt} and {@code dir/<file>.key}, e.g. the front proxy's, which must
   * differ from the cluster CA: a certificate it signs lets its holder assert any user in request headers.
   */
  static Pki create(Path dir, String file, String commonName) {
    KeyPair key = rsa();
    X500Name name = name(commonName, List.of());
    X509Certificate ca = sign(new JcaX509v3CertificateBuilder(name, serial(), notBefore(), notAfter(), name, key.getPublic()),
        key, true, List.of(), List.of());
    Pki pki = new Pki(dir, file, key, ca);
    pki.write(file, ca, key);
    return pki;
  }

  /** @return the CA certificate's file */
  Path caCert() {
    return dir.resolve(caFile + ".crt");
  }

  /** @return the CA as PEM text */
  String caPem() {
    return pem(ca);
  }

  /** Writes a serving certificate for the given DNS names and IP addresses. */
  KeyFiles server(String file, List<String> dnsNames, List<String> ips) {
    List<GeneralName> names = new ArrayList<>();
    dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
    ips.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
    return issue(file, dnsNames.get(0), List.of(), List.of(KeyPurposeId.id_kp_serverAuth), names);
  }

  /**
   * Writes a certificate for both ends of a mutual TLS connection (server and client authentication), as KEDA's
   * operator and metrics adapter share one for their gRPC link and the adapter also serves with it.
   */
  KeyFiles serverAndClient(String file, List<String> dnsNames, List<String> ips) {
    List<GeneralName> names = new ArrayList<>();
    dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
    ips.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
    return issue(file, dnsNames.get(0), List.of(),
        List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth), names);
  }

  /** Writes a client certificate: the user is the CN, the groups are the O entries. */
  KeyFiles client(String file, String user, List<String> groups) {
    return issue(file, user, groups, List.of(KeyPurposeId.id_kp_clientAuth), List.of());
  }

  /** Writes a node's client certificate, as its kubelet uses: user {@code system:node:<name>}, group {@code system:nodes}. */
  KeyFiles node(String node) {
    return client("node-" + node, "system:node:" + node, List.of("system:nodes"));
  }

  /** Writes a kubelet's serving certificate for the node's name and IP addresses. */
  KeyFiles kubeletServing(String node, List<String> ips) {
    return server("kubelet-" + node, List.of(node), ips);
  }

  /** Writes an RSA key pair for signing service-account tokens: {@code sa.key} and {@code sa.pub}. */
  KeyFiles serviceAccountKeys() {
    KeyPair key = rsa();
    Path pub = dir.resolve("sa.pub");
    Path priv = dir.resolve("sa.key");
    writeString(pub, pem(key.getPublic()));
    writeString(priv, pem(key.getPrivate()));
    return new KeyFiles(pub, priv);
  }

  private KeyFiles issue(String file, String cn, List<String> groups, List<KeyPurposeId> purposes,
      List<GeneralName> sans) {
    KeyPair key = rsa();
    X509Certificate cert = sign(new JcaX509v3CertificateBuilder(ca, serial(), notBefore(), notAfter(), name(cn, groups),
        key.getPublic()), caKey, false, purposes, sans);
    return write(file, cert, key);
  }

  private KeyFiles write(String file, X509Certificate cert, KeyPair key) {
    Path crt = dir.resolve(file + ".crt");
    Path pk = dir.resolve(file + ".key");
    writeString(crt, pem(cert));
    writeString(pk, pem(key.getPrivate()));
    return new KeyFiles(crt, pk);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer, boolean isCa,
      List<KeyPurposeId> purposes, List<GeneralName> sans) {
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(isCa
          ? KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature
          : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      if (!purposes.isEmpty()) {
        builder.addExtension(Extension.extendedKeyUsage, false,
            new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
      }
      if (!sans.isEmpty()) {
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
      }
      return new JcaX509CertificateConverter().getCertificate(builder.build(
          new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate())));
    } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new IllegalStateException("cannot issue a certificate", e);
    }
  }

  private static X500Name name(String cn, List<String> groups) {
    X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
    groups.forEach(g -> name.addRDN(BCStyle.O, g));
    return name.addRDN(BCStyle.CN, cn).build();
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BigInteger serial() {
    return new BigInteger(64, RANDOM);
  }

  private static Date notBefore() {
    return Date.from(Instant.now().minus(Duration.ofHours(1)));
  }

  private static Date notAfter() {
    return Date.from(Instant.now().plus(Duration.ofDays(7)));
  }

  private static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object instanceof java.security.PrivateKey k
          ? new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", k.getEncoded()) : object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void writeString(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
