/**
 * A real Kubernetes node for the local cluster: containerd (CRI) with runc, a CNI bridge, a pause image built offline
 * and the kubelet, all under one temporary directory, removed again on close. Start one with
 * {@link dev.microservice.localcluster.node.KubeletNode#start(dev.microservice.localcluster.LocalCluster)}.
 */
package dev.microservice.localcluster.node;
