// The contract of every BPF helper, ids 1..211, as data.
//
// Where the facts come from (Linux sources, bpf-next as of early 2026):
//   * argument and return kinds, gpl_only: each helper's struct bpf_func_proto in
//     kernel/bpf/helpers.c, kernel/trace/bpf_trace.c, kernel/bpf/stackmap.c,
//     kernel/bpf/ringbuf.c, kernel/bpf/cgroup.c, kernel/bpf/bpf_iter.c,
//     kernel/bpf/task_iter.c, kernel/bpf/syscall.c, kernel/bpf/btf.c,
//     kernel/bpf/bpf_lsm.c, kernel/bpf/bpf_{inode,task,cgrp}_storage.c,
//     kernel/bpf/core.c (tail call), net/core/filter.c, net/core/sock_map.c,
//     net/core/bpf_sk_storage.c, net/ipv4/bpf_tcp_ca.c, drivers/media/rc/bpf-lirc.c.
//     A proto that leaves .gpl_only unset is not GPL-only.
//   * acquires / releases_arg: the verifier's is_acquire_function() and the
//     OBJ_RELEASE flag on an argument.
//   * changes_packet_data: bpf_helper_changes_pkt_data() in net/core/filter.c.
//   * takes_packet: the proto's .pkt_access (kernel/bpf/helpers.c and
//     net/core/filter.c set it on 21 protos of the 15 helpers marked kPktArg).
//   * since: the release whose merge window took the commit that added the helper
//     (the bcc project's docs/kernel-versions.md, cross-checked against the commit
//     dates and docs.ebpf.io; the bcc list is wrong for a few, e.g. it gives 5.3
//     for bpf_tcp_gen_syncookie, 5.5 for bpf_tcp_send_ack, 5.6 for bpf_sk_assign).
//     Helper ids are appended to __BPF_FUNC_MAPPER as helpers are merged, so
//     `since` never decreases with the id.
//
// Mapping of the kernel's argument types onto ArgKind:
//   ARG_PTR_TO_MEM | MEM_RDONLY                  -> ReadableMem
//   ARG_PTR_TO_UNINIT_MEM (= MEM | UNINIT | WRITE) -> WritableMem
//   ARG_PTR_TO_MEM | MEM_WRITE, or plain ARG_PTR_TO_MEM on an output buffer
//     the helper also reads or needs initialised -> ReadWriteMem
//   ... | PTR_MAYBE_NULL                         -> the ...OrNull kind
//   ARG_PTR_TO_FIXED_SIZE_MEM | MEM_UNINIT | MEM_WRITE of 8 / 4 bytes,
//     formerly ARG_PTR_TO_LONG / ARG_PTR_TO_INT  -> WritableLong / WritableInt
//   ARG_PTR_TO_FIXED_SIZE_MEM | MEM_WRITE of 4 bytes (read too: no MEM_UNINIT) -> ReadWriteInt
//   ARG_PTR_TO_FIXED_SIZE_MEM read-only          -> ReadableFixedMem (size in a comment)
//   ARG_PTR_TO_BTF_ID_SOCK_COMMON, ARG_PTR_TO_SOCK_COMMON -> SockCommon
//   ARG_KPTR_XCHG_DEST (formerly ARG_PTR_TO_KPTR) -> Kptr
// The kernel sometimes has several protos for one helper id, chosen by program
// type; the table holds the general one and the comment names the variants.
#include "analyzer/platform/helpers/helper_prototype.hpp"

#include <cstddef>

namespace bpfcheck::analyzer {

namespace {

using A = ArgKind;
using R = ReturnKind;

constexpr unsigned kGpl = 1U << 0;      // gpl_only
constexpr unsigned kAcquire = 1U << 1;  // the result carries a reference to release
constexpr unsigned kPkt = 1U << 2;      // bpf_helper_changes_pkt_data()
constexpr unsigned kSleep = 1U << 3;    // the proto's might_sleep
constexpr unsigned kFills = 1U << 4;    // fills_buffer
constexpr unsigned kPktArg = 1U << 5;   // the proto's pkt_access: takes packet pointers

constexpr HelperPrototype def(std::int32_t id, std::string_view name, std::uint16_t since, unsigned flags,
                              ReturnKind ret, std::array<ArgKind, 5> args, std::int8_t releases_arg = -1) {
    HelperPrototype p;
    p.id = id;
    p.name = name;
    p.ret = ret;
    p.args = args;
    p.gpl_only = (flags & kGpl) != 0;
    p.since = since;
    p.releases_arg = releases_arg;
    p.acquires = (flags & kAcquire) != 0;
    p.changes_packet_data = (flags & kPkt) != 0;
    p.might_sleep = (flags & kSleep) != 0;
    p.fills_buffer = (flags & kFills) != 0;
    p.takes_packet = (flags & kPktArg) != 0;
    return p;
}

constexpr std::size_t kHelperCount = 211;

// clang-format off
constexpr std::array<HelperPrototype, kHelperCount> kHelpers = {{
    // Acquires a reference when the map is a sockmap or sockhash (is_acquire_function).
    def(1, "bpf_map_lookup_elem", 319, kPktArg, R::MapValueOrNull, {A::ConstMapPtr, A::MapKey}),
    def(2, "bpf_map_update_elem", 319, kPktArg, R::Integer, {A::ConstMapPtr, A::MapKey, A::MapValue, A::Anything}),
    def(3, "bpf_map_delete_elem", 319, kPktArg, R::Integer, {A::ConstMapPtr, A::MapKey}),
    // bpf_probe_read_compat: only on architectures with non-overlapping user and
    // kernel address spaces (CONFIG_ARCH_HAS_NON_OVERLAPPING_ADDRESS_SPACE, e.g. x86).
    def(4, "bpf_probe_read", 401, kGpl, R::Integer, {A::WritableMem, A::ConstSizeOrZero, A::Anything}),
    def(5, "bpf_ktime_get_ns", 401, 0, R::Integer, {}),
    def(6, "bpf_trace_printk", 401, kGpl, R::Integer, {A::ReadableMem, A::ConstSize}),
    def(7, "bpf_get_prandom_u32", 401, 0, R::Integer, {}),
    def(8, "bpf_get_smp_processor_id", 401, 0, R::Integer, {}),
    def(9, "bpf_skb_store_bytes", 401, kPkt, R::Integer,
        {A::Ctx, A::Anything, A::ReadableMem, A::ConstSize, A::Anything}),
    def(10, "bpf_l3_csum_replace", 401, kPkt, R::Integer, {A::Ctx, A::Anything, A::Anything, A::Anything, A::Anything}),
    def(11, "bpf_l4_csum_replace", 401, kPkt, R::Integer, {A::Ctx, A::Anything, A::Anything, A::Anything, A::Anything}),
    // Returns only when the tail call fails. Since 6.13 the verifier treats a tail
    // call inside a subprogram as changing packet data; a direct one does not.
    def(12, "bpf_tail_call", 402, 0, R::Void, {A::Ctx, A::ConstMapPtr, A::Anything}),
    def(13, "bpf_clone_redirect", 402, kPkt, R::Integer, {A::Ctx, A::Anything, A::Anything}),
    def(14, "bpf_get_current_pid_tgid", 402, 0, R::Integer, {}),
    def(15, "bpf_get_current_uid_gid", 402, 0, R::Integer, {}),
    def(16, "bpf_get_current_comm", 402, 0, R::Integer, {A::WritableMem, A::ConstSize}),
    // tc proto; cgroup sock/sock_addr/sk_msg programs get a no-argument variant
    // (bpf_get_cgroup_classid_curr) that reads the current task's classid.
    def(17, "bpf_get_cgroup_classid", 403, 0, R::Integer, {A::Ctx}),
    def(18, "bpf_skb_vlan_push", 403, kPkt, R::Integer, {A::Ctx, A::Anything, A::Anything}),
    def(19, "bpf_skb_vlan_pop", 403, kPkt, R::Integer, {A::Ctx}),
    def(20, "bpf_skb_get_tunnel_key", 403, 0, R::Integer, {A::Ctx, A::WritableMem, A::ConstSize, A::Anything}),
    def(21, "bpf_skb_set_tunnel_key", 403, 0, R::Integer, {A::Ctx, A::ReadableMem, A::ConstSize, A::Anything}),
    def(22, "bpf_perf_event_read", 403, kGpl, R::Integer, {A::ConstMapPtr, A::Anything}),
    // tc and xdp have separate protos of the same shape.
    def(23, "bpf_redirect", 404, 0, R::Integer, {A::Anything, A::Anything}),
    def(24, "bpf_get_route_realm", 404, 0, R::Integer, {A::Ctx}),
    // Kprobe, tracepoint, raw tracepoint, skb, xdp and the generic
    // bpf_event_output_data protos all have this shape and are all GPL-only.
    def(25, "bpf_perf_event_output", 404, kGpl, R::Integer,
        {A::Ctx, A::ConstMapPtr, A::Anything, A::ReadableMem, A::ConstSizeOrZero}),
    // The flow dissector and sk_reuseport variants have the same shape.
    def(26, "bpf_skb_load_bytes", 405, 0, R::Integer, {A::Ctx, A::Anything, A::WritableMem, A::ConstSize}),
    // The perf_event variant (bpf_get_stackid_proto_pe) is not GPL-only.
    def(27, "bpf_get_stackid", 406, kGpl, R::Integer, {A::Ctx, A::ConstMapPtr, A::Anything}),
    def(28, "bpf_csum_diff", 406, kPktArg, R::Integer,
        {A::ReadableMemOrNull, A::ConstSizeOrZero, A::ReadableMemOrNull, A::ConstSizeOrZero, A::Anything}),
    def(29, "bpf_skb_get_tunnel_opt", 406, 0, R::Integer, {A::Ctx, A::WritableMem, A::ConstSize}),
    def(30, "bpf_skb_set_tunnel_opt", 406, 0, R::Integer, {A::Ctx, A::ReadableMem, A::ConstSize}),
    def(31, "bpf_skb_change_proto", 408, kPkt, R::Integer, {A::Ctx, A::Anything, A::Anything}),
    def(32, "bpf_skb_change_type", 408, 0, R::Integer, {A::Ctx, A::Anything}),
    def(33, "bpf_skb_under_cgroup", 408, 0, R::Integer, {A::Ctx, A::ConstMapPtr, A::Anything}),
    def(34, "bpf_get_hash_recalc", 408, 0, R::Integer, {A::Ctx}),
    def(35, "bpf_get_current_task", 408, kGpl, R::Integer, {}),
    def(36, "bpf_probe_write_user", 408, kGpl, R::Integer, {A::Anything, A::ReadableMem, A::ConstSize}),
    def(37, "bpf_current_task_under_cgroup", 409, 0, R::Integer, {A::ConstMapPtr, A::Anything}),
    // sk_skb has its own proto (sk_skb_change_tail) of the same shape; so for 39, 43, 50.
    def(38, "bpf_skb_change_tail", 409, kPkt, R::Integer, {A::Ctx, A::Anything, A::Anything}),
    def(39, "bpf_skb_pull_data", 409, kPkt, R::Integer, {A::Ctx, A::Anything}),
    def(40, "bpf_csum_update", 409, 0, R::Integer, {A::Ctx, A::Anything}),
    def(41, "bpf_set_hash_invalid", 409, 0, R::Integer, {A::Ctx}),
    def(42, "bpf_get_numa_node_id", 410, 0, R::Integer, {}),
    def(43, "bpf_skb_change_head", 410, kPkt, R::Integer, {A::Ctx, A::Anything, A::Anything}),
    def(44, "bpf_xdp_adjust_head", 410, kPkt, R::Integer, {A::Ctx, A::Anything}),
    // Compat proto, as for bpf_probe_read.
    def(45, "bpf_probe_read_str", 411, kGpl, R::Integer, {A::WritableMem, A::ConstSizeOrZero, A::Anything}),
    // skb, sock, sock_addr and sock_ops take the context; tracing, LSM and
    // sk_reuseport use bpf_get_socket_ptr_cookie, whose argument is a
    // struct sock_common pointer that may be NULL.
    def(46, "bpf_get_socket_cookie", 412, 0, R::Integer, {A::Ctx}),
    def(47, "bpf_get_socket_uid", 412, 0, R::Integer, {A::Ctx}),
    def(48, "bpf_set_hash", 413, 0, R::Integer, {A::Ctx, A::Anything}),
    // sock_ops and sock_addr take the context; tracing, LSM, iterator and
    // struct_ops programs use bpf_sk_setsockopt, whose first argument is a sock_common.
    def(49, "bpf_setsockopt", 413, 0, R::Integer, {A::Ctx, A::Anything, A::Anything, A::ReadableMem, A::ConstSize}),
    def(50, "bpf_skb_adjust_room", 413, kPkt, R::Integer, {A::Ctx, A::Anything, A::Anything, A::Anything}),
    def(51, "bpf_redirect_map", 414, 0, R::Integer, {A::ConstMapPtr, A::Anything, A::Anything}),
    def(52, "bpf_sk_redirect_map", 414, 0, R::Integer, {A::Ctx, A::ConstMapPtr, A::Anything, A::Anything}),
    def(53, "bpf_sock_map_update", 414, 0, R::Integer, {A::Ctx, A::ConstMapPtr, A::MapKey, A::Anything}),
    def(54, "bpf_xdp_adjust_meta", 415, kPkt, R::Integer, {A::Ctx, A::Anything}),
    def(55, "bpf_perf_event_read_value", 415, kGpl, R::Integer,
        {A::ConstMapPtr, A::Anything, A::WritableMem, A::ConstSize}),
    def(56, "bpf_perf_prog_read_value", 415, kGpl, R::Integer, {A::Ctx, A::WritableMem, A::ConstSize}),
    // As bpf_setsockopt; the variant is bpf_sk_getsockopt.
    def(57, "bpf_getsockopt", 415, 0, R::Integer, {A::Ctx, A::Anything, A::Anything, A::WritableMem, A::ConstSize}),
    def(58, "bpf_override_return", 416, kGpl, R::Integer, {A::Ctx, A::Anything}),
    def(59, "bpf_sock_ops_cb_flags_set", 416, 0, R::Integer, {A::Ctx, A::Anything}),
    def(60, "bpf_msg_redirect_map", 417, 0, R::Integer, {A::Ctx, A::ConstMapPtr, A::Anything, A::Anything}),
    def(61, "bpf_msg_apply_bytes", 417, 0, R::Integer, {A::Ctx, A::Anything}),
    def(62, "bpf_msg_cork_bytes", 417, 0, R::Integer, {A::Ctx, A::Anything}),
    def(63, "bpf_msg_pull_data", 417, kPkt, R::Integer, {A::Ctx, A::Anything, A::Anything, A::Anything}),
    def(64, "bpf_bind", 417, 0, R::Integer, {A::Ctx, A::ReadableMem, A::ConstSize}),
    def(65, "bpf_xdp_adjust_tail", 418, kPkt, R::Integer, {A::Ctx, A::Anything}),
    def(66, "bpf_skb_get_xfrm_state", 418, 0, R::Integer,
        {A::Ctx, A::Anything, A::WritableMem, A::ConstSize, A::Anything}),
    // Tracepoint, raw tracepoint and perf_event variants have the same shape (the
    // raw tracepoint one wrongly said MEM_RDONLY for the buffer until 2026).
    def(67, "bpf_get_stack", 418, kGpl, R::Integer, {A::Ctx, A::WritableMem, A::ConstSizeOrZero, A::Anything}),
    def(68, "bpf_skb_load_bytes_relative", 418, 0, R::Integer,
        {A::Ctx, A::Anything, A::WritableMem, A::ConstSize, A::Anything}),
    // xdp and skb protos; the parameter block is read and written.
    def(69, "bpf_fib_lookup", 418, kGpl, R::Integer, {A::Ctx, A::ReadWriteMem, A::ConstSize, A::Anything}),
    def(70, "bpf_sock_hash_update", 418, 0, R::Integer, {A::Ctx, A::ConstMapPtr, A::MapKey, A::Anything}),
    def(71, "bpf_msg_redirect_hash", 418, 0, R::Integer, {A::Ctx, A::ConstMapPtr, A::MapKey, A::Anything}),
    def(72, "bpf_sk_redirect_hash", 418, 0, R::Integer, {A::Ctx, A::ConstMapPtr, A::MapKey, A::Anything}),
    // lwt_in and lwt_xmit protos of the same shape.
    def(73, "bpf_lwt_push_encap", 418, kPkt, R::Integer, {A::Ctx, A::Anything, A::ReadableMem, A::ConstSize}),
    def(74, "bpf_lwt_seg6_store_bytes", 418, kPkt, R::Integer, {A::Ctx, A::Anything, A::ReadableMem, A::ConstSize}),
    def(75, "bpf_lwt_seg6_adjust_srh", 418, kPkt, R::Integer, {A::Ctx, A::Anything, A::Anything}),
    def(76, "bpf_lwt_seg6_action", 418, kPkt, R::Integer, {A::Ctx, A::Anything, A::ReadableMem, A::ConstSize}),
    def(77, "bpf_rc_repeat", 418, kGpl, R::Integer, {A::Ctx}),
    def(78, "bpf_rc_keydown", 418, kGpl, R::Integer, {A::Ctx, A::Anything, A::Anything, A::Anything}),
    def(79, "bpf_skb_cgroup_id", 418, 0, R::Integer, {A::Ctx}),
    def(80, "bpf_get_current_cgroup_id", 418, 0, R::Integer, {}),
    def(81, "bpf_get_local_storage", 419, 0, R::MapValue, {A::ConstMapPtr, A::Anything}),
    def(82, "bpf_sk_select_reuseport", 419, 0, R::Integer, {A::Ctx, A::ConstMapPtr, A::MapKey, A::Anything}),
    def(83, "bpf_skb_ancestor_cgroup_id", 419, 0, R::Integer, {A::Ctx, A::Anything}),
    // tc/sk_skb/cgroup_skb, xdp and sock_addr protos of the same shape.
    def(84, "bpf_sk_lookup_tcp", 420, kAcquire | kPktArg, R::SocketOrNull,
        {A::Ctx, A::ReadableMem, A::ConstSize, A::Anything, A::Anything}),
    def(85, "bpf_sk_lookup_udp", 420, kAcquire | kPktArg, R::SocketOrNull,
        {A::Ctx, A::ReadableMem, A::ConstSize, A::Anything, A::Anything}),
    def(86, "bpf_sk_release", 420, 0, R::Integer, {A::SockCommon}, 0),
    def(87, "bpf_map_push_elem", 420, kPktArg, R::Integer, {A::ConstMapPtr, A::MapValue, A::Anything}),
    def(88, "bpf_map_pop_elem", 420, 0, R::Integer, {A::ConstMapPtr, A::UninitMapValue}),
    def(89, "bpf_map_peek_elem", 420, 0, R::Integer, {A::ConstMapPtr, A::UninitMapValue}),
    def(90, "bpf_msg_push_data", 420, kPkt, R::Integer, {A::Ctx, A::Anything, A::Anything, A::Anything}),
    def(91, "bpf_msg_pop_data", 500, kPkt, R::Integer, {A::Ctx, A::Anything, A::Anything, A::Anything}),
    def(92, "bpf_rc_pointer_rel", 500, kGpl, R::Integer, {A::Ctx, A::Anything, A::Anything}),
    def(93, "bpf_spin_lock", 501, 0, R::Void, {A::SpinLock}),
    def(94, "bpf_spin_unlock", 501, 0, R::Void, {A::SpinLock}),
    def(95, "bpf_sk_fullsock", 501, 0, R::SocketOrNull, {A::SockCommon}),
    def(96, "bpf_tcp_sock", 501, 0, R::TcpSockOrNull, {A::SockCommon}),
    def(97, "bpf_skb_ecn_set_ce", 501, 0, R::Integer, {A::Ctx}),
    def(98, "bpf_get_listener_sock", 501, 0, R::SocketOrNull, {A::SockCommon}),
    // tc, xdp and sock_addr protos of the same shape.
    def(99, "bpf_skc_lookup_tcp", 502, kAcquire | kPktArg, R::SockCommonOrNull,
        {A::Ctx, A::ReadableMem, A::ConstSize, A::Anything, A::Anything}),
    def(100, "bpf_tcp_check_syncookie", 502, kGpl | kPktArg, R::Integer,
        {A::SockCommon, A::ReadableMem, A::ConstSize, A::ReadableMem, A::ConstSize}),
    // The name is written into a buffer the verifier requires initialised
    // (ARG_PTR_TO_MEM, tagged MEM_WRITE since 2025).
    def(101, "bpf_sysctl_get_name", 502, kFills, R::Integer, {A::Ctx, A::ReadWriteMem, A::ConstSize, A::Anything}),
    def(102, "bpf_sysctl_get_current_value", 502, 0, R::Integer, {A::Ctx, A::WritableMem, A::ConstSize}),
    def(103, "bpf_sysctl_get_new_value", 502, 0, R::Integer, {A::Ctx, A::WritableMem, A::ConstSize}),
    def(104, "bpf_sysctl_set_new_value", 502, 0, R::Integer, {A::Ctx, A::ReadableMem, A::ConstSize}),
    // The result is an 8-byte fixed-size argument (ARG_PTR_TO_LONG before 6.12).
    def(105, "bpf_strtol", 502, 0, R::Integer, {A::ReadableMem, A::ConstSize, A::Anything, A::WritableLong}),
    def(106, "bpf_strtoul", 502, 0, R::Integer, {A::ReadableMem, A::ConstSize, A::Anything, A::WritableLong}),
    // cgroup sock programs pass the context (bpf_sk_storage_get_cg_sock_proto);
    // tracing takes a sock_common BTF pointer that may be NULL.
    def(107, "bpf_sk_storage_get", 502, 0, R::MapValueOrNull,
        {A::ConstMapPtr, A::SockCommon, A::MapValueOrNull, A::Anything}),
    def(108, "bpf_sk_storage_delete", 502, 0, R::Integer, {A::ConstMapPtr, A::SockCommon}),
    def(109, "bpf_send_signal", 503, 0, R::Integer, {A::Anything}),
    def(110, "bpf_tcp_gen_syncookie", 504, kGpl | kPktArg, R::Integer,
        {A::SockCommon, A::ReadableMem, A::ConstSize, A::ReadableMem, A::ConstSize}),
    // The first argument is a struct sk_buff BTF pointer.
    def(111, "bpf_skb_output", 505, kGpl, R::Integer,
        {A::BtfId, A::ConstMapPtr, A::Anything, A::ReadableMem, A::ConstSizeOrZero}),
    def(112, "bpf_probe_read_user", 505, kGpl, R::Integer, {A::WritableMem, A::ConstSizeOrZero, A::Anything}),
    def(113, "bpf_probe_read_kernel", 505, kGpl, R::Integer, {A::WritableMem, A::ConstSizeOrZero, A::Anything}),
    def(114, "bpf_probe_read_user_str", 505, kGpl, R::Integer, {A::WritableMem, A::ConstSizeOrZero, A::Anything}),
    def(115, "bpf_probe_read_kernel_str", 505, kGpl, R::Integer, {A::WritableMem, A::ConstSizeOrZero, A::Anything}),
    // struct_ops (tcp congestion control) only; the first argument is a tcp_sock.
    def(116, "bpf_tcp_send_ack", 506, 0, R::Integer, {A::BtfId, A::Anything}),
    def(117, "bpf_send_signal_thread", 506, 0, R::Integer, {A::Anything}),
    def(118, "bpf_jiffies64", 506, 0, R::Integer, {}),
    // The buffer is read and written (ARG_PTR_TO_MEM_OR_NULL, MEM_WRITE since 2026).
    def(119, "bpf_read_branch_records", 506, kGpl | kFills, R::Integer,
        {A::Ctx, A::ReadWriteMemOrNull, A::ConstSizeOrZero, A::Anything}),
    def(120, "bpf_get_ns_current_pid_tgid", 507, 0, R::Integer,
        {A::Anything, A::Anything, A::WritableMem, A::ConstSize}),
    // The first argument is a struct xdp_buff BTF pointer.
    def(121, "bpf_xdp_output", 507, kGpl, R::Integer,
        {A::BtfId, A::ConstMapPtr, A::Anything, A::ReadableMem, A::ConstSizeOrZero}),
    // sock, sock_addr, sock_ops and sk_msg protos all take a context that may be NULL.
    def(122, "bpf_get_netns_cookie", 507, 0, R::Integer, {A::CtxOrNull}),
    def(123, "bpf_get_current_ancestor_cgroup_id", 507, 0, R::Integer, {A::Anything}),
    // tc proto; the sk_lookup variant (bpf_sk_lookup_assign) takes a socket that may be NULL.
    def(124, "bpf_sk_assign", 507, 0, R::Integer, {A::Ctx, A::SockCommon, A::Anything}),
    def(125, "bpf_ktime_get_boot_ns", 508, 0, R::Integer, {}),
    // Iterator programs only; the first argument is a struct seq_file BTF pointer (also 127, 150).
    def(126, "bpf_seq_printf", 508, kGpl, R::Integer,
        {A::BtfId, A::ReadableMem, A::ConstSize, A::ReadableMemOrNull, A::ConstSizeOrZero}),
    def(127, "bpf_seq_write", 508, kGpl, R::Integer, {A::BtfId, A::ReadableMem, A::ConstSizeOrZero}),
    def(128, "bpf_sk_cgroup_id", 508, 0, R::Integer, {A::SockCommon}),
    def(129, "bpf_sk_ancestor_cgroup_id", 508, 0, R::Integer, {A::SockCommon, A::Anything}),
    def(130, "bpf_ringbuf_output", 508, 0, R::Integer,
        {A::ConstMapPtr, A::ReadableMem, A::ConstSizeOrZero, A::Anything}),
    // RET_PTR_TO_RINGBUF_MEM_OR_NULL (RET_PTR_TO_ALLOC_MEM_OR_NULL before 5.17).
    def(131, "bpf_ringbuf_reserve", 508, kAcquire, R::RingbufRecordOrNull,
        {A::ConstMapPtr, A::ConstAllocSizeOrZero, A::Anything}),
    def(132, "bpf_ringbuf_submit", 508, 0, R::Void, {A::RingbufRecord, A::Anything}, 0),
    def(133, "bpf_ringbuf_discard", 508, 0, R::Void, {A::RingbufRecord, A::Anything}, 0),
    def(134, "bpf_ringbuf_query", 508, 0, R::Integer, {A::ConstMapPtr, A::Anything}),
    def(135, "bpf_csum_level", 508, 0, R::Integer, {A::Ctx, A::Anything}),
    def(136, "bpf_skc_to_tcp6_sock", 509, 0, R::BtfIdOrNull, {A::SockCommon}),
    def(137, "bpf_skc_to_tcp_sock", 509, 0, R::BtfIdOrNull, {A::SockCommon}),
    def(138, "bpf_skc_to_tcp_timewait_sock", 509, 0, R::BtfIdOrNull, {A::SockCommon}),
    def(139, "bpf_skc_to_tcp_request_sock", 509, 0, R::BtfIdOrNull, {A::SockCommon}),
    def(140, "bpf_skc_to_udp6_sock", 509, 0, R::BtfIdOrNull, {A::SockCommon}),
    // The first argument is a task_struct BTF pointer; the sleepable variant has the same shape.
    def(141, "bpf_get_task_stack", 509, 0, R::Integer, {A::BtfId, A::WritableMem, A::ConstSizeOrZero, A::Anything}),
    // The search key is read from the buffer and the option written back into it.
    def(142, "bpf_load_hdr_opt", 510, 0, R::Integer, {A::Ctx, A::ReadWriteMem, A::ConstSize, A::Anything}),
    def(143, "bpf_store_hdr_opt", 510, kPkt, R::Integer, {A::Ctx, A::ReadableMem, A::ConstSize, A::Anything}),
    def(144, "bpf_reserve_hdr_opt", 510, 0, R::Integer, {A::Ctx, A::Anything, A::Anything}),
    // The inode may be NULL since 6.4 (ARG_PTR_TO_BTF_ID_OR_NULL), as for the
    // task and cgroup storage helpers.
    def(145, "bpf_inode_storage_get", 510, 0, R::MapValueOrNull,
        {A::ConstMapPtr, A::BtfIdOrNull, A::MapValueOrNull, A::Anything}),
    def(146, "bpf_inode_storage_delete", 510, 0, R::Integer, {A::ConstMapPtr, A::BtfIdOrNull}),
    // The first argument is a struct path BTF pointer; the buffer must be
    // initialised (ARG_PTR_TO_MEM, tagged MEM_WRITE since 2025).
    def(147, "bpf_d_path", 510, kFills, R::Integer, {A::BtfId, A::ReadWriteMem, A::ConstSizeOrZero}),
    def(148, "bpf_copy_from_user", 510, kSleep, R::Integer, {A::WritableMem, A::ConstSizeOrZero, A::Anything}),
    def(149, "bpf_snprintf_btf", 510, kFills, R::Integer,
        {A::ReadWriteMem, A::ConstSize, A::ReadableMem, A::ConstSize, A::Anything}),
    def(150, "bpf_seq_printf_btf", 510, kGpl, R::Integer, {A::BtfId, A::ReadableMem, A::ConstSizeOrZero, A::Anything}),
    def(151, "bpf_skb_cgroup_classid", 510, 0, R::Integer, {A::Ctx}),
    def(152, "bpf_redirect_neigh", 510, 0, R::Integer,
        {A::Anything, A::ReadableMemOrNull, A::ConstSizeOrZero, A::Anything}),
    // RET_PTR_TO_MEM_OR_BTF_ID | PTR_MAYBE_NULL | MEM_RDONLY.
    def(153, "bpf_per_cpu_ptr", 510, 0, R::MemOrNull, {A::PerCpuBtfId, A::Anything}),
    // RET_PTR_TO_MEM_OR_BTF_ID | MEM_RDONLY, never NULL.
    def(154, "bpf_this_cpu_ptr", 510, 0, R::Mem, {A::PerCpuBtfId}),
    def(155, "bpf_redirect_peer", 510, 0, R::Integer, {A::Anything, A::Anything}),
    // The task may be NULL since 6.4; the _recur variants have the same shape.
    def(156, "bpf_task_storage_get", 511, 0, R::MapValueOrNull,
        {A::ConstMapPtr, A::BtfIdOrNull, A::MapValueOrNull, A::Anything}),
    def(157, "bpf_task_storage_delete", 511, 0, R::Integer, {A::ConstMapPtr, A::BtfIdOrNull}),
    // RET_PTR_TO_BTF_ID_TRUSTED to a task_struct.
    def(158, "bpf_get_current_task_btf", 511, kGpl, R::BtfId, {}),
    // The first argument is a struct linux_binprm BTF pointer.
    def(159, "bpf_bprm_opts_set", 511, 0, R::Integer, {A::BtfId, A::Anything}),
    def(160, "bpf_ktime_get_coarse_ns", 511, 0, R::Integer, {}),
    def(161, "bpf_ima_inode_hash", 511, kSleep, R::Integer, {A::BtfId, A::WritableMem, A::ConstSize}),
    // Takes a struct file BTF pointer, returns a struct socket one.
    def(162, "bpf_sock_from_file", 511, 0, R::BtfIdOrNull, {A::BtfId}),
    // skb and xdp protos. mtu_len is read and written (ARG_PTR_TO_INT, now a
    // 4-byte fixed-size MEM_WRITE argument without MEM_UNINIT).
    def(163, "bpf_check_mtu", 512, kGpl, R::Integer, {A::Ctx, A::Anything, A::ReadWriteInt, A::Anything, A::Anything}),
    def(164, "bpf_for_each_map_elem", 513, 0, R::Integer, {A::ConstMapPtr, A::Callback, A::StackOrNull, A::Anything}),
    // The output buffer must be initialised (ARG_PTR_TO_MEM_OR_NULL, MEM_WRITE since 2026).
    def(165, "bpf_snprintf", 513, kGpl | kFills, R::Integer,
        {A::ReadWriteMemOrNull, A::ConstSizeOrZero, A::ConstString, A::ReadableMemOrNull, A::ConstSizeOrZero}),
    def(166, "bpf_sys_bpf", 514, kSleep, R::Integer, {A::Anything, A::ReadableMem, A::ConstSize}),
    def(167, "bpf_btf_find_by_name_kind", 514, kSleep, R::Integer,
        {A::ReadableMem, A::ConstSize, A::Anything, A::Anything}),
    def(168, "bpf_sys_close", 514, kSleep, R::Integer, {A::Anything}),
    def(169, "bpf_timer_init", 515, kGpl, R::Integer, {A::Timer, A::ConstMapPtr, A::Anything}),
    def(170, "bpf_timer_set_callback", 515, kGpl, R::Integer, {A::Timer, A::Callback}),
    def(171, "bpf_timer_start", 515, kGpl, R::Integer, {A::Timer, A::Anything, A::Anything}),
    def(172, "bpf_timer_cancel", 515, kGpl, R::Integer, {A::Timer}),
    // fentry/fexit and kprobe protos are GPL-only; the kprobe_multi and
    // uprobe_multi ones are not.
    def(173, "bpf_get_func_ip", 515, kGpl, R::Integer, {A::Ctx}),
    // One proto per attach kind (kprobe, kprobe_multi, uprobe_multi, tracepoint,
    // perf_event, tracing, cgroup ...), all of this shape.
    def(174, "bpf_get_attach_cookie", 515, 0, R::Integer, {A::Ctx}),
    // Takes a task_struct, returns a pt_regs (RET_PTR_TO_BTF_ID).
    def(175, "bpf_task_pt_regs", 515, kGpl, R::BtfId, {A::BtfId}),
    // The proto declares only two arguments; the flags in r3 are not checked.
    def(176, "bpf_get_branch_snapshot", 516, kGpl, R::Integer, {A::WritableMem, A::ConstSizeOrZero}),
    def(177, "bpf_trace_vprintk", 516, kGpl, R::Integer,
        {A::ReadableMem, A::ConstSize, A::ReadableMemOrNull, A::ConstSizeOrZero}),
    def(178, "bpf_skc_to_unix_sock", 516, 0, R::BtfIdOrNull, {A::SockCommon}),
    def(179, "bpf_kallsyms_lookup_name", 516, 0, R::Integer,
        {A::ReadableMem, A::ConstSizeOrZero, A::Anything, A::WritableLong}),
    def(180, "bpf_find_vma", 517, 0, R::Integer, {A::BtfId, A::Anything, A::Callback, A::StackOrNull, A::Anything}),
    def(181, "bpf_loop", 517, 0, R::Integer, {A::Anything, A::Callback, A::StackOrNull, A::Anything}),
    def(182, "bpf_strncmp", 517, 0, R::Integer, {A::ReadableMem, A::ConstSize, A::ConstString}),
    // The value is an 8-byte fixed-size argument (ARG_PTR_TO_LONG before 6.12); also 184.
    def(183, "bpf_get_func_arg", 517, 0, R::Integer, {A::Ctx, A::Anything, A::WritableLong}),
    def(184, "bpf_get_func_ret", 517, 0, R::Integer, {A::Ctx, A::WritableLong}),
    def(185, "bpf_get_func_arg_cnt", 517, 0, R::Integer, {A::Ctx}),
    def(186, "bpf_get_retval", 518, 0, R::Integer, {}),
    def(187, "bpf_set_retval", 518, 0, R::Integer, {A::Anything}),
    // Tracing programs get a variant whose argument is a struct xdp_buff BTF pointer.
    def(188, "bpf_xdp_get_buff_len", 518, 0, R::Integer, {A::Ctx}),
    def(189, "bpf_xdp_load_bytes", 518, 0, R::Integer, {A::Ctx, A::Anything, A::WritableMem, A::ConstSize}),
    // The source was wrongly ARG_PTR_TO_UNINIT_MEM until 6.12.
    def(190, "bpf_xdp_store_bytes", 518, 0, R::Integer, {A::Ctx, A::Anything, A::ReadableMem, A::ConstSize}),
    def(191, "bpf_copy_from_user_task", 518, kGpl | kSleep, R::Integer,
        {A::WritableMem, A::ConstSizeOrZero, A::Anything, A::BtfId, A::Anything}),
    def(192, "bpf_skb_set_tstamp", 518, 0, R::Integer, {A::Ctx, A::Anything, A::Anything}),
    def(193, "bpf_ima_file_hash", 518, kSleep, R::Integer, {A::BtfId, A::WritableMem, A::ConstSize}),
    // Stores arg 1 (a referenced BTF pointer or NULL, released) into the kptr
    // field at arg 0 and returns the old one, whose reference the caller now holds.
    def(194, "bpf_kptr_xchg", 519, kAcquire, R::BtfIdOrNull, {A::Kptr, A::BtfIdOrNull}, 1),
    def(195, "bpf_map_lookup_percpu_elem", 519, kPktArg, R::MapValueOrNull, {A::ConstMapPtr, A::MapKey, A::Anything}),
    // The only skc_to_* helper whose argument is ARG_PTR_TO_SOCK_COMMON.
    def(196, "bpf_skc_to_mptcp_sock", 519, 0, R::BtfIdOrNull, {A::SockCommon}),
    def(197, "bpf_dynptr_from_mem", 519, 0, R::Integer,
        {A::WritableMem, A::ConstSizeOrZero, A::Anything, A::UninitDynptr}),
    // The new reference lives in the ringbuf dynptr the helper initialises in
    // arg 3 (the result is an error code), so `acquires` stays false; the dynptr
    // must go to bpf_ringbuf_submit_dynptr or bpf_ringbuf_discard_dynptr even
    // when the reservation failed.
    def(198, "bpf_ringbuf_reserve_dynptr", 519, 0, R::Integer,
        {A::ConstMapPtr, A::Anything, A::Anything, A::UninitDynptr}),
    def(199, "bpf_ringbuf_submit_dynptr", 519, 0, R::Void, {A::Dynptr, A::Anything}, 0),
    def(200, "bpf_ringbuf_discard_dynptr", 519, 0, R::Void, {A::Dynptr, A::Anything}, 0),
    def(201, "bpf_dynptr_read", 519, 0, R::Integer,
        {A::WritableMem, A::ConstSizeOrZero, A::Dynptr, A::Anything, A::Anything}),
    def(202, "bpf_dynptr_write", 519, 0, R::Integer,
        {A::Dynptr, A::Anything, A::ReadableMem, A::ConstSizeOrZero, A::Anything}),
    // RET_PTR_TO_DYNPTR_MEM_OR_NULL of the constant size in arg 2.
    def(203, "bpf_dynptr_data", 519, 0, R::DynptrMemOrNull, {A::Dynptr, A::Anything, A::ConstAllocSizeOrZero}),
    // arg 0 is a fixed-size IP header: 20 bytes (struct iphdr) for _ipv4, 40
    // (struct ipv6hdr) for _ipv6; the check_ helpers' arg 1 is a 20-byte tcphdr.
    def(204, "bpf_tcp_raw_gen_syncookie_ipv4", 600, kGpl | kPktArg, R::Integer,
        {A::ReadableFixedMem, A::ReadableMem, A::ConstSizeOrZero}),
    def(205, "bpf_tcp_raw_gen_syncookie_ipv6", 600, kGpl | kPktArg, R::Integer,
        {A::ReadableFixedMem, A::ReadableMem, A::ConstSizeOrZero}),
    def(206, "bpf_tcp_raw_check_syncookie_ipv4", 600, kGpl | kPktArg, R::Integer, {A::ReadableFixedMem, A::ReadableFixedMem}),
    def(207, "bpf_tcp_raw_check_syncookie_ipv6", 600, kGpl | kPktArg, R::Integer, {A::ReadableFixedMem, A::ReadableFixedMem}),
    def(208, "bpf_ktime_get_tai_ns", 601, 0, R::Integer, {}),
    def(209, "bpf_user_ringbuf_drain", 601, 0, R::Integer, {A::ConstMapPtr, A::Callback, A::StackOrNull, A::Anything}),
    def(210, "bpf_cgrp_storage_get", 602, 0, R::MapValueOrNull,
        {A::ConstMapPtr, A::BtfIdOrNull, A::MapValueOrNull, A::Anything}),
    def(211, "bpf_cgrp_storage_delete", 602, 0, R::Integer, {A::ConstMapPtr, A::BtfIdOrNull}),
}};
// clang-format on

consteval bool ids_are_dense() {
    for (std::size_t i = 0; i < kHelpers.size(); ++i) {
        if (kHelpers[i].id != static_cast<std::int32_t>(i + 1)) {
            return false;
        }
    }
    return true;
}
static_assert(ids_are_dense(), "kHelpers[i] must describe helper id i + 1");

}  // namespace

std::optional<HelperPrototype> find_helper(std::int32_t id) {
    if (id < 1 || static_cast<std::size_t>(id) > kHelpers.size()) {
        return std::nullopt;
    }
    return kHelpers[static_cast<std::size_t>(id) - 1];
}

std::span<const HelperPrototype> all_helpers() {
    return kHelpers;
}

}  // namespace bpfcheck::analyzer
