// Helper models: each checks the memory its arguments name (as the kernel's
// ARG_PTR_TO_MEM / ARG_PTR_TO_MAP_KEY contracts require), writes what the
// helper writes, and returns a result drawn within the helper's contract
// (a lookup: the value or NULL; an update: 0 or an error; a probe read:
// the bytes or -EFAULT). r1-r5 become uninitialised after the call.
#include "interp/machine.hpp"

#include <fmt/format.h>

#include <cstring>

namespace bpfcheck::interp {

namespace {

constexpr std::uint32_t kMapArray = 2, kMapPercpuArray = 6, kMapArrayOfMaps = 12, kMapHashOfMaps = 13;

std::uint64_t negative_errno(Machine& m) {
    static constexpr std::int64_t kErrors[] = {-1, -2, -7, -12, -14, -22, -28};
    return static_cast<std::uint64_t>(kErrors[m.random_below(std::size(kErrors))]);
}

const MapModel& map_arg(Machine& m, int r) {
    const Cval v = m.read(r);
    if (v.region != Region::MapPtr || v.offset() != 0) {
        throw Trap(fmt::format("helper argument r{} is not a map", r));
    }
    return m.program.maps.at(v.index);
}

std::uint64_t number_arg(Machine& m, int r) {
    const Cval v = m.read(r);
    if (!v.is_scalar()) {
        throw Trap(fmt::format("helper argument r{} is a pointer where a number is expected", r));
    }
    return v.v;
}

std::uint64_t map_lookup(Machine& m) {
    const MapModel& map = map_arg(m, 1);
    const std::uint32_t index = m.reg(1).index;
    const Cval key = m.read(2);
    m.check_mem(key, map.key_size, false, "map key");
    if (map.type == kMapArrayOfMaps || map.type == kMapHashOfMaps) {
        throw Unsupported("lookup in a map of maps");
    }
    bool found = m.random_below(3) != 0;
    if (map.type == kMapArray || map.type == kMapPercpuArray) {
        std::uint32_t k = 0;
        if (map.key_size == 4) {
            // The helper reads the key byte by byte: no alignment applies.
            for (int i = 3; i >= 0; --i) {
                k = (k << 8) | static_cast<std::uint32_t>(m.load(key, i, 1).v & 0xff);
            }
        }
        found = k < map.max_entries;
    }
    if (!found) {
        m.reg(0) = Cval::scalar(0);
    } else {
        m.reg(0) = Cval::pointer(Region::MapValue, index, 0);
    }
    return 0;
}

}  // namespace

void call_helper(Machine& m, std::int32_t id) {
    std::uint64_t r0 = 0;
    bool pointer_result = false;
    switch (id) {
        case 1:  // map_lookup_elem(map, key)
            map_lookup(m);
            pointer_result = true;
            break;
        case 2: {  // map_update_elem(map, key, value, flags)
            const MapModel& map = map_arg(m, 1);
            m.check_mem(m.read(2), map.key_size, false, "map key");
            m.check_mem(m.read(3), map.value_size, false, "map value");
            number_arg(m, 4);
            r0 = m.random_below(4) == 0 ? negative_errno(m) : 0;
            break;
        }
        case 3: {  // map_delete_elem(map, key)
            const MapModel& map = map_arg(m, 1);
            m.check_mem(m.read(2), map.key_size, false, "map key");
            r0 = m.random_below(2) == 0 ? negative_errno(m) : 0;
            break;
        }
        case 4:      // probe_read(dst, size, src)
        case 112:    // probe_read_user
        case 113:    // probe_read_kernel
        case 45:     // probe_read_str
        case 114:    // probe_read_user_str
        case 115: {  // probe_read_kernel_str
            const Cval dst = m.read(1);
            const auto size = static_cast<std::int64_t>(static_cast<std::uint32_t>(number_arg(m, 2)));
            m.read(3);
            m.check_mem(dst, size, true, "probe_read destination");
            m.fill_random(dst, size);
            const bool str = id == 45 || id == 114 || id == 115;
            r0 = m.random_below(4) == 0 ? negative_errno(m)
                 : str                  ? (size == 0 ? 0 : 1 + m.random_below(static_cast<std::uint64_t>(size)))
                                        : 0;
            break;
        }
        case 5:    // ktime_get_ns
        case 125:  // ktime_get_boot_ns
        case 14:   // get_current_pid_tgid
        case 15:   // get_current_uid_gid
            r0 = m.rng();
            break;
        case 6: {  // trace_printk(fmt, size, ...)
            const auto size = static_cast<std::int64_t>(static_cast<std::uint32_t>(number_arg(m, 2)));
            m.check_mem(m.read(1), size, false, "trace_printk format");
            r0 = m.random_below(64);
            break;
        }
        case 7:  // get_prandom_u32
            r0 = static_cast<std::uint32_t>(m.rng());
            break;
        case 8:  // get_smp_processor_id
            r0 = m.random_below(64);
            break;
        case 12:  // tail_call(ctx, prog_array, index): fails, the program continues
            m.read(1);
            map_arg(m, 2);
            number_arg(m, 3);
            r0 = negative_errno(m);
            break;
        case 16: {  // get_current_comm(buf, size)
            const Cval buf = m.read(1);
            const auto size = static_cast<std::int64_t>(static_cast<std::uint32_t>(number_arg(m, 2)));
            m.check_mem(buf, size, true, "get_current_comm buffer");
            m.fill_random(buf, size);
            r0 = 0;
            break;
        }
        case 23:  // redirect(ifindex, flags)
            number_arg(m, 1);
            number_arg(m, 2);
            r0 = m.random_below(8);
            break;
        case 25: {  // perf_event_output(ctx, map, flags, data, size)
            m.read(1);
            map_arg(m, 2);
            number_arg(m, 3);
            const auto size = static_cast<std::int64_t>(number_arg(m, 5));
            m.check_mem(m.read(4), size, false, "perf_event_output data");
            r0 = m.random_below(4) == 0 ? negative_errno(m) : 0;
            break;
        }
        case 28: {  // csum_diff(from, from_size, to, to_size, seed)
            const auto from_size = static_cast<std::int64_t>(static_cast<std::uint32_t>(number_arg(m, 2)));
            const auto to_size = static_cast<std::int64_t>(static_cast<std::uint32_t>(number_arg(m, 4)));
            if (from_size > 0) {
                m.check_mem(m.read(1), from_size, false, "csum_diff from");
            }
            if (to_size > 0) {
                m.check_mem(m.read(3), to_size, false, "csum_diff to");
            }
            number_arg(m, 5);
            r0 = m.rng();
            break;
        }
        case 44:  // xdp_adjust_head(ctx, delta): fails, the packet stays
        case 54:  // xdp_adjust_meta
        case 65:  // xdp_adjust_tail
            if (m.read(1).region != Region::Ctx) {
                throw Trap("xdp_adjust_*: r1 is not the context");
            }
            number_arg(m, 2);
            r0 = static_cast<std::uint64_t>(-22);
            // Whether or not the packet moved, the kernel invalidates every
            // pointer into it (bpf_helper_changes_pkt_data ->
            // clear_all_pkt_pointers): for a privileged loader they are
            // numbers from here on, their address.
            m.forget_packet_pointers();
            break;
        case 51:  // redirect_map(map, key, flags)
            map_arg(m, 1);
            number_arg(m, 2);
            r0 = m.random_below(5);
            break;
        case 130: {  // ringbuf_output(map, data, size, flags)
            map_arg(m, 1);
            const auto size = static_cast<std::int64_t>(number_arg(m, 3));
            m.check_mem(m.read(2), size, false, "ringbuf_output data");
            number_arg(m, 4);
            r0 = m.random_below(4) == 0 ? negative_errno(m) : 0;
            break;
        }
        default:
            throw Unsupported(fmt::format("helper {} is not modelled", id));
    }
    if (!pointer_result) {
        m.reg(0) = Cval::scalar(r0);
    }
    for (int r = 1; r <= 5; ++r) {
        m.reg(r) = Cval::uninit();
    }
}

}  // namespace bpfcheck::interp
