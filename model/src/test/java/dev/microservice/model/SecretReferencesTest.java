package dev.microservice.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretReferencesTest {
  @Test
  void findsEverySecretFieldThatIsSetWithItsPath() {
    Manifest m = ManifestParser.parse("""
        apiVersion: microservice.dev/v1alpha1
        kind: MicroService
        metadata: {name: greeter}
        spec:
          servers:
            - name: rpc
              grpc: {port: 9443, tls: {certificate: {secretKeyRef: {name: tls, key: tls.crt}}, privateKey: {file: /k.pem}}}
              namespaces: [{name: greeter, services: [{name: hello, endpoint: hello}]}]
            - name: events
              kafka:
                bootstrapServers: "k:9092"
                security:
                  protocol: SASL_SSL
                  sasl: {username: u, password: {env: PW}}
                  tls: {truststore: {file: /t.jks}, truststorePassword: {secretKeyRef: {name: kafka, key: tp}}}
              namespaces: [{name: greeter, services: [{name: hello, endpoint: hello}]}]
        """, "test");
    List<SecretReference> all = SecretReferences.of(m.getSpec());
    assertThat(all).extracting(SecretReference::path).containsExactly(
        "spec.servers[0].grpc.tls.certificate", "spec.servers[0].grpc.tls.privateKey",
        "spec.servers[1].kafka.security.sasl.password", "spec.servers[1].kafka.security.tls.truststore",
        "spec.servers[1].kafka.security.tls.truststorePassword");
    assertThat(all).filteredOn(SecretReference::referencesSecret).extracting(r -> r.secretKeyRef().getName())
        .containsExactly("tls", "kafka");
    assertThat(all.get(2).source().getEnv()).isEqualTo("PW");
    assertThat(SecretReferences.of("spec.servers[1]", m.getSpec().getServers().get(1))).extracting(SecretReference::field)
        .containsExactly(SecretField.SASL_PASSWORD, SecretField.TRUSTSTORE, SecretField.TRUSTSTORE_PASSWORD);
  }

  @Test
  void everySecretFieldIsASecretPath() {
    for (SecretField field : SecretField.values()) {
      assertThat(SecretPaths.isSecret(field.pathIn("spec.servers[3]") + ".secretKeyRef.name")).as(field.name()).isTrue();
    }
    assertThat(SecretPaths.isSecret("spec.servers[3].kafka.security.tls.truststoreType")).isFalse();
  }
}
