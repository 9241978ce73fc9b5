package dev.microservice.operator.status;

/** Reasons of the MicroService conditions and Warning events. */
public enum Reason {
  /** The spec breaks a rule the schema cannot express. */
  InvalidSpec,
  /** A referenced Secret or Secret key does not exist. */
  SecretNotFound,
  /** The Deployment does not exist yet. */
  Creating,
  /** Pods are being replaced or added. */
  RollingOut,
  /** Every pod runs the current template. */
  RolloutComplete,
  /** Every desired pod is ready. */
  AllReplicasReady,
  /** Some desired pods are not ready. */
  ReplicasNotReady,
  /** At least one pod is available. */
  MinimumReplicasAvailable,
  /** No pod is available. */
  NoReplicasAvailable,
  /** Replicas is 0. */
  ScaledToZero,
  /** A runtime container keeps failing (crash loop, start-up error, image pull). */
  RuntimeFailing,
  /** The Deployment reported ProgressDeadlineExceeded. */
  ProgressDeadlineExceeded,
  /** Nothing is wrong. */
  AsExpected,
  /** A KEDA ScaledObject scales the Deployment on Kafka lag (and CPU). */
  ScaledByKeda,
  /** A HorizontalPodAutoscaler scales the Deployment on CPU. */
  ScaledByHpa,
  /** spec.autoscaling needs KEDA (kafkaLag, minReplicas 0) and the cluster does not serve KEDA's API. */
  KedaNotInstalled,
  /** spec.autoscaling needs KEDA and its kafka scaler cannot read a Kafka server's settings (a store, a source). */
  KedaUnsupportedServer
}
