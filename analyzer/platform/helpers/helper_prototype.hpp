// The contract of one BPF helper function, as data: the kind of each
// argument, the kind of its result, who may call it, and since when. Modelled
// on the kernel's struct bpf_func_proto (include/linux/bpf.h); the table in
// helper_table.cpp is written from the kernel's sources and documentation.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace bpfcheck::analyzer {

// What a helper argument must be (enum bpf_arg_type, simplified).
enum class ArgKind : std::uint8_t {
    None,               // unused argument slot
    Anything,           // any initialised value (ARG_ANYTHING)
    ConstMapPtr,        // a map (ARG_CONST_MAP_PTR)
    MapKey,             // pointer to key_size readable bytes (ARG_PTR_TO_MAP_KEY)
    MapValue,           // pointer to value_size readable bytes (ARG_PTR_TO_MAP_VALUE)
    MapValueOrNull,     // the above, or NULL (ARG_PTR_TO_MAP_VALUE | PTR_MAYBE_NULL)
    UninitMapValue,     // pointer to value_size bytes the helper fills; may be uninitialised
                        // (ARG_PTR_TO_UNINIT_MAP_VALUE, now ARG_PTR_TO_MAP_VALUE | MEM_UNINIT | MEM_WRITE)
    ReadableMem,        // pointer to initialised memory, size in the next argument (ARG_PTR_TO_MEM | MEM_RDONLY)
    ReadableMemOrNull,  // the above, or NULL
    WritableMem,        // pointer to memory the helper fills; may be uninitialised (ARG_PTR_TO_UNINIT_MEM)
    WritableMemOrNull,
    ReadWriteMem,          // pointer to initialised memory the helper reads and overwrites, size in the next
                           // argument (ARG_PTR_TO_MEM | MEM_WRITE without MEM_UNINIT, e.g. bpf_fib_lookup's params)
    ReadWriteMemOrNull,    // the above, or NULL (bpf_snprintf's output buffer)
    ReadableFixedMem,      // pointer to initialised memory of a size fixed by the helper, no size argument
                           // (ARG_PTR_TO_FIXED_SIZE_MEM, the bpf_tcp_raw_*_syncookie_* headers)
    ConstSize,             // size of the previous memory argument, > 0 (ARG_CONST_SIZE)
    ConstSizeOrZero,       // size of the previous memory argument, >= 0 (ARG_CONST_SIZE_OR_ZERO)
    ConstAllocSizeOrZero,  // size of memory to allocate (ARG_CONST_ALLOC_SIZE_OR_ZERO)
    Ctx,                   // the program's context (ARG_PTR_TO_CTX)
    CtxOrNull,
    WritableLong,  // pointer to 8 writable bytes (ARG_PTR_TO_LONG)
    WritableInt,   // pointer to 4 writable bytes (ARG_PTR_TO_INT)
    // pointer to 4 bytes read and written, initialised first
    // (ARG_PTR_TO_FIXED_SIZE_MEM | MEM_WRITE without MEM_UNINIT: bpf_check_mtu's length)
    ReadWriteInt,
    Socket,  // struct bpf_sock * (ARG_PTR_TO_SOCKET)
    SocketOrNull,
    SockCommon,        // struct sock_common * (ARG_PTR_TO_BTF_ID_SOCK_COMMON / ARG_PTR_TO_SOCK_COMMON)
    SockCommonOrNull,  // the above, or NULL or a socket not yet checked against NULL (... | PTR_MAYBE_NULL)
    BtfId,             // a BTF-typed kernel pointer (ARG_PTR_TO_BTF_ID)
    BtfIdOrNull,
    PerCpuBtfId,    // ARG_PTR_TO_PERCPU_BTF_ID
    SpinLock,       // pointer to a struct bpf_spin_lock in a map value (ARG_PTR_TO_SPIN_LOCK)
    Timer,          // pointer to a struct bpf_timer in a map value (ARG_PTR_TO_TIMER)
    Callback,       // a subprogram (ARG_PTR_TO_FUNC)
    StackOrNull,    // pointer to the stack or NULL (ARG_PTR_TO_STACK_OR_NULL)
    ConstString,    // pointer to a NUL-terminated string in read-only map memory (ARG_PTR_TO_CONST_STR)
    RingbufRecord,  // a record from bpf_ringbuf_reserve (ARG_PTR_TO_RINGBUF_MEM | OBJ_RELEASE)
    Dynptr,         // struct bpf_dynptr * (ARG_PTR_TO_DYNPTR)
    UninitDynptr,   // stack slots the helper initialises as a struct bpf_dynptr (ARG_PTR_TO_DYNPTR | MEM_UNINIT)
    Kptr,           // ARG_PTR_TO_KPTR
};

// What a helper returns (enum bpf_return_type, simplified).
enum class ReturnKind : std::uint8_t {
    Integer,              // RET_INTEGER
    Void,                 // RET_VOID
    MapValueOrNull,       // RET_PTR_TO_MAP_VALUE_OR_NULL: points into the map argument's value
    MapValue,             // RET_PTR_TO_MAP_VALUE: never NULL (bpf_get_local_storage)
    SocketOrNull,         // RET_PTR_TO_SOCKET_OR_NULL (acquires a reference)
    TcpSockOrNull,        // RET_PTR_TO_TCP_SOCK_OR_NULL
    SockCommonOrNull,     // RET_PTR_TO_SOCK_COMMON_OR_NULL
    RingbufRecordOrNull,  // RET_PTR_TO_RINGBUF_MEM_OR_NULL: size is the constant size argument (acquires)
    MemOrNull,            // RET_PTR_TO_MEM_OR_BTF_ID_OR_NULL and friends: memory of a size known to the kernel
    Mem,                  // RET_PTR_TO_MEM_OR_BTF_ID: the above, never NULL (bpf_this_cpu_ptr)
    BtfIdOrNull,          // RET_PTR_TO_BTF_ID_OR_NULL
    BtfId,                // RET_PTR_TO_BTF_ID (e.g. bpf_get_current_task_btf)
    AllocMemOrNull,       // RET_PTR_TO_ALLOC_MEM_OR_NULL
    DynptrMemOrNull,      // RET_PTR_TO_DYNPTR_MEM_OR_NULL: a slice of the dynptr argument, of the constant
                          // size argument's bytes, valid while the dynptr is (its reference)
};

struct HelperPrototype {
    std::int32_t id = 0;
    std::string_view name;
    ReturnKind ret = ReturnKind::Integer;
    std::array<ArgKind, 5> args{};
    bool gpl_only = false;
    // Kernel version that introduced the helper, as major * 100 + minor (e.g. 517 for 5.17).
    std::uint16_t since = 0;
    // Index (0-based) of the argument holding a reference the helper releases, or -1.
    std::int8_t releases_arg = -1;
    // The result carries a new reference that must be released (sk_lookup, ringbuf_reserve).
    bool acquires = false;
    // The helper may change packet data: packet pointers are invalidated after the call.
    bool changes_packet_data = false;
    // The proto's might_sleep: not callable inside an RCU read section or a
    // preemption-disabled region (check_helper_call). bpf_get_stack and
    // bpf_get_task_stack have such protos only in sleepable programs.
    bool might_sleep = false;
    // The helper only writes its ReadWriteMem buffer (a name, a path, a
    // formatted string): the kernel types it ARG_PTR_TO_MEM and requires it
    // initialised where uninitialised stack is refused, but nothing reads
    // what was there before the call.
    bool fills_buffer = false;
    // The proto's pkt_access: its memory arguments may point into the packet
    // (map keys and values, bpf_csum_diff, the socket lookups and syncookie
    // helpers). Every other helper refuses a packet pointer
    // (check_func_arg: "helper access to the packet is not allowed").
    bool takes_packet = false;
};

// Whether an argument of kind `kind` of `proto` is the buffer the helper only
// fills (HelperPrototype::fills_buffer).
inline bool fills_argument(const HelperPrototype& proto, ArgKind kind) {
    return proto.fills_buffer && (kind == ArgKind::ReadWriteMem || kind == ArgKind::ReadWriteMemOrNull);
}

// The prototype for helper `id`, or nullopt for ids the table does not know.
std::optional<HelperPrototype> find_helper(std::int32_t id);

// The largest memory a helper's size argument may name (BPF_MAX_VAR_SIZ).
inline constexpr std::uint64_t kMaxHelperMemory = 1ULL << 29;

// Helpers whose semantics go beyond their prototype (enum bpf_func_id).
inline constexpr std::int32_t kHelperMapLookupElem = 1;
inline constexpr std::int32_t kHelperTailCall = 12;
inline constexpr std::int32_t kHelperSpinLock = 93;
inline constexpr std::int32_t kHelperRingbufReserve = 131;
inline constexpr std::int32_t kHelperSpinUnlock = 94;
inline constexpr std::int32_t kHelperForEachMapElem = 164;
inline constexpr std::int32_t kHelperTimerSetCallback = 170;
inline constexpr std::int32_t kHelperLoop = 181;
inline constexpr std::int32_t kHelperKptrXchg = 194;
inline constexpr std::int32_t kHelperDynptrFromMem = 197;
inline constexpr std::int32_t kHelperRingbufReserveDynptr = 198;
inline constexpr std::int32_t kHelperDynptrWrite = 202;
// Every known prototype, by id.
std::span<const HelperPrototype> all_helpers();

}  // namespace bpfcheck::analyzer
