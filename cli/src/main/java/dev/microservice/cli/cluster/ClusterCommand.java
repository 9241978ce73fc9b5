package dev.microservice.cli.cluster;

import picocli.CommandLine.Command;

/** {@code msvc cluster}: a local Kubernetes, the one the tests use, with the operator installed; no container engine. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "A local Kubernetes for trying the operator: etcd, kube-apiserver, kube-controller-manager, "
        + "kube-scheduler, a kubelet with containerd and runc, the project's images and the Helm chart. No Docker.",
    subcommands = {ClusterUpCommand.class, ClusterDownCommand.class})
public final class ClusterCommand {
}
