#!/usr/bin/env bash
# Prints the Debian packages real nodes (LocalCluster's nodeKind: 'kubelet', `dev --real-nodes`) need and
# this machine lacks, space-separated (nothing when all are there): containerd and runc (Debian's
# containerd, without Docker's daemon and its firewall rules), CNI's plugins, kube-proxy's nftables, and
# what builds the images without a registry (mmdebstrap for Debian file systems, gcc and libc6-dev for the
# static pause, busybox-static for the shell image). Used by .ci/run and hack/quickstart.sh.
need=()
command -v containerd >/dev/null || need+=(containerd)
[[ -x /usr/lib/cni/bridge ]] || need+=(containernetworking-plugins)
command -v mmdebstrap >/dev/null || need+=(mmdebstrap)
command -v gcc >/dev/null && [[ -f /usr/lib/x86_64-linux-gnu/libc.a ]] || need+=(gcc libc6-dev)
[[ -x /bin/busybox ]] || need+=(busybox-static)
command -v nft >/dev/null || need+=(nftables)
command -v iptables >/dev/null || need+=(iptables)
command -v ip >/dev/null || need+=(iproute2)
echo "${need[*]}"
