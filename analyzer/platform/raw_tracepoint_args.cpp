// The raw_tp_null_args rows (see raw_tracepoint_args.hpp). A mask has one hex
// digit per argument, the first argument lowest: 0x1 may be NULL, 0x2 may
// encode an error (the kernel's encoding).
#include "analyzer/platform/raw_tracepoint_args.hpp"
#include "analyzer/platform/rule_releases.hpp"

#include <array>

namespace bpfcheck::analyzer {
namespace {

struct RawTracepointRow {
    std::string_view tracepoint;
    std::uint64_t mask;
    std::uint32_t since;  // KERNEL_VERSION of the first release known to have the row
};

constexpr std::uint32_t kLinux613 = rule_release::kRawTracepointArgs;
constexpr std::uint32_t kLinux618 = rule_release::kRawTracepointArgsLater;

constexpr std::array kRows{
    // The patch's table (Linux 6.13).
    RawTracepointRow{"sched_pi_setprio", 0x10, kLinux613},
    RawTracepointRow{"sched_stick_numa", 0x100, kLinux613},
    RawTracepointRow{"sched_swap_numa", 0x100, kLinux613},
    RawTracepointRow{"afs_make_fs_call", 0x10, kLinux613},
    RawTracepointRow{"afs_make_fs_calli", 0x10, kLinux613},
    RawTracepointRow{"afs_make_fs_call1", 0x10, kLinux613},
    RawTracepointRow{"afs_make_fs_call2", 0x10, kLinux613},
    RawTracepointRow{"afs_protocol_error", 0x1, kLinux613},
    RawTracepointRow{"afs_flock_ev", 0x10, kLinux613},
    RawTracepointRow{"cachefiles_lookup", 0x1 | 0x200, kLinux613},
    RawTracepointRow{"cachefiles_unlink", 0x1, kLinux613},
    RawTracepointRow{"cachefiles_rename", 0x1, kLinux613},
    RawTracepointRow{"cachefiles_prep_read", 0x1, kLinux613},
    RawTracepointRow{"cachefiles_mark_active", 0x1, kLinux613},
    RawTracepointRow{"cachefiles_mark_failed", 0x1, kLinux613},
    RawTracepointRow{"cachefiles_mark_inactive", 0x1, kLinux613},
    RawTracepointRow{"cachefiles_vfs_error", 0x1, kLinux613},
    RawTracepointRow{"cachefiles_io_error", 0x1, kLinux613},
    RawTracepointRow{"cachefiles_ondemand_open", 0x1, kLinux613},
    RawTracepointRow{"cachefiles_ondemand_copen", 0x1, kLinux613},
    RawTracepointRow{"cachefiles_ondemand_close", 0x1, kLinux613},
    RawTracepointRow{"cachefiles_ondemand_read", 0x1, kLinux613},
    RawTracepointRow{"cachefiles_ondemand_cread", 0x1, kLinux613},
    RawTracepointRow{"cachefiles_ondemand_fd_write", 0x1, kLinux613},
    RawTracepointRow{"cachefiles_ondemand_fd_release", 0x1, kLinux613},
    RawTracepointRow{"ext4_mballoc_discard", 0x10, kLinux613},
    RawTracepointRow{"ext4_mballoc_free", 0x10, kLinux613},
    RawTracepointRow{"fib_table_lookup", 0x100, kLinux613},
    RawTracepointRow{"posix_lock_inode", 0x10, kLinux613},
    RawTracepointRow{"fcntl_setlk", 0x10, kLinux613},
    RawTracepointRow{"locks_remove_posix", 0x10, kLinux613},
    RawTracepointRow{"flock_lock_inode", 0x10, kLinux613},
    RawTracepointRow{"break_lease_noblock", 0x10, kLinux613},
    RawTracepointRow{"break_lease_block", 0x10, kLinux613},
    RawTracepointRow{"break_lease_unblock", 0x10, kLinux613},
    RawTracepointRow{"generic_delete_lease", 0x10, kLinux613},
    RawTracepointRow{"time_out_leases", 0x10, kLinux613},
    RawTracepointRow{"host1x_cdma_push_gather", 0x10000, kLinux613},
    RawTracepointRow{"mm_khugepaged_scan_pmd", 0x10, kLinux613},
    RawTracepointRow{"mm_collapse_huge_page_isolate", 0x1, kLinux613},
    RawTracepointRow{"mm_khugepaged_scan_file", 0x10, kLinux613},
    RawTracepointRow{"mm_khugepaged_collapse_file", 0x10, kLinux613},
    RawTracepointRow{"mm_page_alloc", 0x1, kLinux613},
    RawTracepointRow{"mm_page_pcpu_drain", 0x1, kLinux613},
    RawTracepointRow{"mm_page_alloc_zone_locked", 0x1, kLinux613},
    RawTracepointRow{"netfs_failure", 0x10, kLinux613},
    RawTracepointRow{"device_pm_callback_start", 0x10, kLinux613},
    RawTracepointRow{"qdisc_dequeue", 0x1000, kLinux613},
    RawTracepointRow{"rxrpc_recvdata", 0x1, kLinux613},
    RawTracepointRow{"rxrpc_resend", 0x10, kLinux613},
    RawTracepointRow{"xs_stream_read_data", 0x1, kLinux613},
    RawTracepointRow{"xprt_reserve_cong", 0x10, kLinux613},
    RawTracepointRow{"xprt_release_cong", 0x10, kLinux613},
    RawTracepointRow{"xprt_get_cong", 0x10, kLinux613},
    RawTracepointRow{"xprt_put_cong", 0x10, kLinux613},
    RawTracepointRow{"tcp_send_reset", 0x11, kLinux613},
    RawTracepointRow{"tegra_dma_tx_status", 0x100, kLinux613},
    RawTracepointRow{"tmigr_update_events", 0x1, kLinux613},
    RawTracepointRow{"writeback_dirty_folio", 0x10, kLinux613},
    RawTracepointRow{"folio_wait_writeback", 0x10, kLinux613},
    RawTracepointRow{"mr_integ_alloc", 0x2000, kLinux613},
    // What Linux 6.18's verifier adds (seen on its vmlinux tracepoints).
    RawTracepointRow{"signal_deliver", 0x20, kLinux618},
    RawTracepointRow{"signal_generate", 0x20, kLinux618},
    RawTracepointRow{"kfree_skb", 0x1000, kLinux618},
    RawTracepointRow{"tcp_sendmsg_locked", 0x100, kLinux618},
    RawTracepointRow{"sched_process_wait", 0x1, kLinux618},
    RawTracepointRow{"hugetlbfs_alloc_inode", 0x10, kLinux618},
    RawTracepointRow{"xfs_blockgc_flush_all", 0x1, kLinux618},
    RawTracepointRow{"xfs_blockgc_free_space", 0x10, kLinux618},
    RawTracepointRow{"xfs_blockgc_start", 0x1, kLinux618},
    RawTracepointRow{"xfs_blockgc_stop", 0x1, kLinux618},
    RawTracepointRow{"xfs_blockgc_worker", 0x1, kLinux618},
    RawTracepointRow{"xfs_btree_overlapped_query_range", 0x100, kLinux618},
    RawTracepointRow{"xfs_btree_updkeys", 0x100, kLinux618},
    RawTracepointRow{"xfs_defer_add_item", 0x1, kLinux618},
    RawTracepointRow{"xfs_defer_cancel_item", 0x1, kLinux618},
    RawTracepointRow{"xfs_defer_cancel_list", 0x1, kLinux618},
    RawTracepointRow{"xfs_defer_create_intent", 0x1, kLinux618},
    RawTracepointRow{"xfs_defer_finish_item", 0x1, kLinux618},
    RawTracepointRow{"xfs_defer_isolate_paused", 0x1, kLinux618},
    RawTracepointRow{"xfs_defer_item_pause", 0x1, kLinux618},
    RawTracepointRow{"xfs_defer_item_unpause", 0x1, kLinux618},
    RawTracepointRow{"xfs_defer_pending_abort", 0x1, kLinux618},
    RawTracepointRow{"xfs_defer_pending_finish", 0x1, kLinux618},
    RawTracepointRow{"xfs_defer_relog_intent", 0x1, kLinux618},
    RawTracepointRow{"xfs_fs_sync_fs", 0x1, kLinux618},
    RawTracepointRow{"xfs_inodegc_flush", 0x1, kLinux618},
    RawTracepointRow{"xfs_inodegc_push", 0x1, kLinux618},
    RawTracepointRow{"xfs_inodegc_queue", 0x1, kLinux618},
    RawTracepointRow{"xfs_inodegc_start", 0x1, kLinux618},
    RawTracepointRow{"xfs_inodegc_stop", 0x1, kLinux618},
    RawTracepointRow{"xfs_inodegc_throttle", 0x1, kLinux618},
    RawTracepointRow{"xfs_ioc_free_eofblocks", 0x10, kLinux618},
    RawTracepointRow{"xfs_map_blocks_alloc", 0x10000, kLinux618},
    RawTracepointRow{"xfs_map_blocks_found", 0x10000, kLinux618},
};

}  // namespace

RawTracepointArg raw_tracepoint_arg(std::string_view tracepoint, std::size_t arg, std::uint32_t kernel_version) {
    constexpr std::size_t kDigits = 16;  // hex digits of a 64-bit mask
    if (kernel_version == 0 || arg >= kDigits) {
        return RawTracepointArg::Trusted;
    }
    for (const RawTracepointRow& row : kRows) {
        if (row.tracepoint != tracepoint || kernel_version < row.since) {
            continue;
        }
        const std::uint64_t digit = (row.mask >> (4 * arg)) & 0xf;
        if ((digit & 0x2) != 0) {
            return RawTracepointArg::MayEncodeError;
        }
        return (digit & 0x1) != 0 ? RawTracepointArg::MaybeNull : RawTracepointArg::Trusted;
    }
    return RawTracepointArg::Trusted;
}

}  // namespace bpfcheck::analyzer
