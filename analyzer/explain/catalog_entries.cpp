// The catalog's data; see catalog.hpp. Ordered: the first pattern that matches
// wins, so specific forms of a message come before the general one. Each
// entry is tested by a program of test-data/ the running kernel rejects with
// that message (test-data/explain/README.md).
#include "analyzer/explain/catalog.hpp"

namespace bpfcheck::explain {

namespace {

using enum Category;

constexpr CatalogEntry kEntries[] = {
    // ----- registers that hold no value, or the wrong kind of value
    {"read_uninit_register", R"(R(\d+) !read_ok)", "uninit.register", Bug,
     "The instruction reads a register that holds no value on this path: it was never written, or a helper call "
     "clobbered it (calls destroy R1-R5 and set R0), or the function returned without setting R0.",
     "Write the register on every path before this instruction; after a call, reload R1-R5 from callee-saved "
     "registers or the stack."},
    {"null_deref", R"(R(\d+) invalid mem access '\w*or_null\w*')", "null.deref", Bug,
     "The register may be NULL here: it comes from a lookup, reservation or BTF pointer that can fail, and no "
     "comparison with NULL on this path has ruled that out.",
     "Compare the pointer with NULL (if (!p) return ...;) before the access, on every path that reaches it."},
    {"scalar_deref", R"(R(\d+) invalid mem access '(scalar|inv)')", "pointer.not_pointer", Bug,
     "The register is dereferenced but the verifier knows it only as a number: it never was a pointer, or it was a "
     "pointer that became a number (released reference, a packet pointer after a helper that may move the packet, "
     "a value read from memory, a spilled pointer overwritten).",
     "Dereference only pointers the verifier typed: read kernel memory through bpf_probe_read_kernel()/BTF, reload "
     "packet pointers from ctx after bpf_xdp_adjust_head()/bpf_skb_pull_data(), do not use a record after submit."},
    {"pkt_end_deref", R"(R(\d+) invalid mem access 'pkt_end')", "packet.end_deref", Bug,
     "The program reads or writes through data_end: data_end points just past the packet and is only for "
     "comparisons.",
     "Use data_end only in bounds checks (if (data + n > data_end) ...) and access through data."},
    {"not_a_scalar_r0", R"(R0 not a scalar value)", "call.callback_return", Bug,
     "A callback (bpf_loop, bpf_for_each_map_elem, timer) or a global function returns without a number in R0: "
     "R0 is a pointer or was never set.",
     "Return an integer (0 or 1 for loop callbacks) from every path of the callback."},
    // ----- the context
    {"ctx_modified", R"(dereference of modified ctx ptr R(\d+) off=(-?\d+) disallowed)", "ctx.variable_offset", Bug,
     "The context pointer was moved (pointer arithmetic, or a select between fields) before the access; the kernel "
     "rewrites context accesses only at a constant offset from the unmodified pointer.",
     "Access ctx->field directly in the instruction (avoid computing &ctx->field and loading through it; mark the "
     "pointer volatile or restructure so the compiler does not hoist the address)."},
    {"ctx_negative", R"(negative offset (\w+) ptr R(\d+) off=(-?\d+) disallowed)", "ctx.bad_access", Bug,
     "The context (or another fixed-layout pointer) is accessed at a negative offset, before its start.",
     "Access fields through the unmodified ctx pointer (ctx->field)."},
    {"ctx_variable", R"(variable ctx access var_off=)", "ctx.variable_offset", Bug,
     "The context is accessed at an offset that is not a constant (an array index into ctx, e.g. skb->cb[i]); the "
     "kernel rewrites context accesses per field and needs a fixed offset.",
     "Use a constant index (a switch over the few cases), or copy the fields to the stack first."},
    {"ctx_atomic", R"(BPF_ATOMIC stores into R(\d+) (\w+) is not allowed)", "pointer.atomic", Bug,
     "An atomic operation targets the context or another pointer kind that only allows plain loads and stores.",
     "Use a plain load and store of the field, or do the atomic operation on a map value."},
    {"ctx_bad_access", R"(invalid bpf_context access off=(-?\d+) size=(\d+))", "ctx.bad_access", Bug,
     "This program type does not allow this access to its context: the field is not readable (or not writable) at "
     "that offset with that size for this program type, is past the end of the context structure, or is read with a "
     "narrower or wider load than the field allows.",
     "Read only the fields this program type's *_is_valid_access() allows, with their own size; write only the "
     "writable ones; for raw tracepoints use the BPF_PROG()/ctx->args[i] macros for the right arguments."},
    {"sock_bad_access", R"(R(\d+) invalid (sock|sock_common|tcp_sock|xdp_sock) access off=(-?\d+) size=(\d+))",
     "mem.sock_field", Bug,
     "A socket pointer (struct bpf_sock, bpf_tcp_sock, bpf_xdp_sock) is read at an offset or with a size its "
     "*_is_valid_access() table does not allow: past the fields this pointer type exposes (a sock_common has fewer "
     "than a full sock: check bpf_sk_fullsock() first), or a narrow read of a field that is only readable whole.",
     "Read the field with its own size (dst_port: 4 bytes or its 16-bit half at the start); for full-socket fields "
     "call bpf_sk_fullsock() and read through its result."},
    // ----- packets
    {"packet_bounds", R"(R(\d+) offset is outside of the packet)", "packet.bounds", Bug,
     "The access reaches bytes of the packet that no comparison with data_end has proven present on this path. The "
     "verifier tracks, for each packet pointer, how many bytes after it a check guaranteed (r=N), and the access "
     "goes beyond.",
     "Before the access compare the end of what you read with data_end: if ((void *)(p + 1) > data_end) return ...; "
     "check the same pointer (or one derived after the check) that you then dereference."},
    {"packet_read_only", R"(cannot write into packet)", "packet.read_only", Bug,
     "This program type may read packet data but not write it (cgroup_skb, lwt_in, socket filters ...).",
     "Use a program type that may modify the packet (tc, xdp), or a helper such as bpf_skb_store_bytes where "
     "allowed."},
    {"packet_legacy_load", R"(BPF_LD_\[ABS\|IND\] instructions not allowed for this program type)",
     "packet.legacy_load", Environment,
     "Legacy packet loads (BPF_LD_ABS/IND, __builtin load_byte) exist only for socket filters and tc programs.",
     "Read the packet through data/data_end or bpf_skb_load_bytes()."},
    {"pkt_pointer_math_unbounded", R"(math between (\w+) pointer and register with unbounded min value is not allowed)",
     "mem.bounds", Bug,
     "A number whose lower bound the verifier does not know (it may be negative) is added to a pointer; the result "
     "could point before the object.",
     "Make the offset unsigned and bound it from both sides before adding it (if (i >= N) return ...; with an "
     "unsigned i), or mask it (i &= N - 1)."},
    // check_reg_sane_offset reads the lower bound of one path's number: a
    // join of paths (bpfcheck's) can hide it, so bpfcheck passing the program
    // does not make this a kernel limit.
    {"fp_pointer_out_of_bounds", R"(value (-?\d+) makes (\w+) pointer be out of bounds)", "mem.bounds", Bug,
     "Adding this value to the pointer moves it far out of its object (the stack frame, a map value, the packet): "
     "on this path the number is at least 2^29 (or at most -2^29), and the verifier refuses pointers that far off "
     "even before they are used.",
     "Bound the index before adding it, with an unsigned comparison against the object's size.", 0, false},
    // ----- memory bounds (maps, stack, helper memory)
    {"min_outside", R"(R(\d+) min value is outside of the allowed memory range)", "mem.bounds", Bug,
     "The smallest offset the access can have, from the register's bounds, lies before the start of the object "
     "(map value, memory region): the index may be negative, or the object is smaller than the access.",
     "Bound the index with an unsigned comparison (or check it is >= 0) and make the access fit in the value's "
     "size."},
    {"max_outside", R"(R(\d+) max value is outside of the allowed memory range)", "mem.bounds", Bug,
     "The largest offset the access can have, from the register's bounds, lies past the end of the object: the "
     "check that bounds the index allows one element too many, or there is none.",
     "Compare the index against the number of elements (i < N, not i <= N) before the access."},
    {"unbounded_access", R"(R(\d+) unbounded memory access, make sure to bounds check any such access)", "mem.bounds",
     Bug,
     "The offset of the access has no upper bound the verifier knows: no comparison bounds the index on this path, "
     "or the comparison was done on a copy the verifier does not link to this register.",
     "Compare the index with the number of elements right before the access, on the same register (or mask it)."},
    {"unbounded_access_helper", R"(R(\d+) unbounded memory access, use 'var &= const' or 'if \(var < const\)')",
     "helper.size", Bug, "The size passed to a helper has no upper bound the verifier knows.",
     "Bound the size before the call: if (len > sizeof(buf)) len = sizeof(buf); or len &= mask."},
    {"size_negative", R"(R(\d+) min value is negative, either use unsigned or 'var &= const')", "helper.size", Bug,
     "A size or length passed to a helper may be negative according to the register's bounds (a signed int, or a "
     "value that went through a signed comparison only).",
     "Use an unsigned type for the length and bound it from above, or mask it (len &= 0xff)."},
    {"zero_sized_read", R"(R(\d+) invalid zero-sized read)", "helper.size", Bug,
     "The size passed to a helper may be zero, which the helper's prototype does not allow.",
     "Check len > 0 (and len <= size of the buffer) before the call."},
    {"zero_sized_read_plain", R"(^invalid zero-sized read$)", "helper.map_type", Bug,
     "A helper's memory argument has size zero: the map's key or value size does not fit how the helper uses it "
     "(for example a lookup in a ring buffer map, whose key size is 0).",
     "Use the helper with a map type it supports (ring buffers: bpf_ringbuf_* helpers)."},
    {"map_read_only", R"(write into map forbidden, value_size=(\d+) off=(-?\d+) size=(\d+))", "map.read_only", Bug,
     "The program writes into a map that is read-only for programs (.rodata / const globals, or a map created with "
     "BPF_F_RDONLY_PROG).",
     "Do not write const globals; put writable state in .data/.bss or a normal map."},
    {"only_read_array", R"(only read from bpf_array is supported)", "pointer.map_deref", Bug,
     "The program dereferences a map pointer directly; only reads of an array map's fields through the map pointer "
     "are allowed.",
     "Use bpf_map_lookup_elem/bpf_map_update_elem to access map contents."},
    // ----- the stack
    {"stack_write_oob", R"(invalid write to stack R(\d+) off=(-?\d+) size=(\d+))", "stack.out_of_bounds", Bug,
     "The write reaches outside the 512-byte stack frame (off is relative to the frame pointer R10: valid offsets "
     "are -512..-1), for example a helper writing more bytes than the buffer on the stack holds, or a callee writing "
     "above its caller's buffer.",
     "Make the stack buffer as large as the size passed to the helper, or pass sizeof(buf)."},
    {"stack_read_oob", R"(invalid read from stack R(\d+) off=(-?\d+) size=(\d+))", "stack.out_of_bounds", Bug,
     "The read takes stack bytes outside the frame or the buffer on it (often a key or value smaller than the "
     "map's key_size/value_size, read by a helper), or, without CAP_PERFMON, bytes never written.",
     "Make the stack variable as large as the map's key/value (u64 key for an 8-byte key size), and initialise "
     "it (= {})."},
    {"stack_read_uninit", R"(invalid read from stack (R\d+ )?off (-?\d+)\+(\d+) size (\d+))", "uninit.stack", Bug,
     "The read takes bytes of the stack that were never written on this path (unprivileged programs may not read "
     "uninitialised stack).",
     "Initialise the whole variable (= {} or __builtin_memset) before it is read or passed to a helper."},
    {"stack_indirect_oob", R"(invalid (indirect|variable-offset) (access|read from|write to) stack R(\d+))",
     "stack.out_of_bounds", Bug,
     "A helper or a variable-offset access reaches stack bytes outside the frame, or past the buffer, for some "
     "value of the index the verifier cannot exclude.",
     "Bound the index/size so that offset plus size stays within the buffer."},
    {"stack_misaligned", R"(misaligned stack access off)", "stack.misaligned", Bug,
     "A stack access is not aligned to its size, or it crosses the top of the frame.",
     "Access stack variables with their natural alignment (8-byte values at offsets that are multiples of 8)."},
    {"register_fill_size", R"(invalid size of register fill)", "pointer.partial_fill", Bug,
     "A stack slot that holds a spilled pointer is read back with a load narrower than 8 bytes: the verifier keeps a "
     "spilled pointer only as a whole and cannot give part of it to a register.",
     "Reload the pointer with an 8-byte load from the slot it was stored to; keep bytes you read piecewise in a "
     "slot of their own."},
    {"partial_spill", R"(invalid size of register spill)", "pointer.partial_spill", Bug,
     "A pointer is stored to the stack with a store narrower than 8 bytes; the verifier cannot keep a pointer from "
     "part of it.",
     "Store pointers with 64-bit stores only."},
    {"frame_pointer_ro", R"(frame pointer is read only)", "stack.frame_pointer", Bug,
     "The program writes R10, the frame pointer.", "Use another register; R10 may only be read."},
    {"stack_pointer_return", R"(cannot return stack pointer to the caller)", "stack.out_of_bounds", Bug,
     "A function returns a pointer into its own stack frame, which is gone after it returns.",
     "Return values, or let the caller pass a buffer.", 0, false},
    // ----- pointer arithmetic and leaks
    {"ptr_math_or_null", R"(R(\d+) pointer arithmetic on (\w+_or_null) prohibited, null-check it first)",
     "pointer.arithmetic", Bug, "Arithmetic on a pointer that may still be NULL; the NULL check must come first.",
     "Compare the pointer with NULL before computing addresses from it."},
    {"ptr_math_kind", R"(R(\d+) pointer arithmetic on (\w+) prohibited)", "pointer.arithmetic", Bug,
     "Arithmetic on a pointer of this kind is not allowed (a map pointer, data_end, a socket ...).",
     "Use the pointer only as the helpers expect it; compute offsets from data, map values or the stack."},
    {"ptr_alu32", R"(R(\d+) (32)-bit pointer arithmetic prohibited)", "pointer.arithmetic", Bug,
     "A 32-bit ALU operation on a pointer would cut off its upper half.", "Use 64-bit arithmetic on pointers."},
    {"ptr_operator", R"(R(\d+) pointer arithmetic with (.+) operator prohibited)", "pointer.arithmetic", Bug,
     "Only addition and subtraction of numbers are allowed on pointers.",
     "Compute offsets as numbers and add them to the pointer."},
    {"fp_subtract", R"(R(\d+) subtraction from stack pointer prohibited)", "pointer.arithmetic", Bug,
     "A variable value is subtracted from the frame pointer.", "Add a bounded non-negative offset instead."},
    {"ptr_minus_ptr", R"(R(\d+) pointer -= pointer prohibited)", "pointer.arithmetic", Bug,
     "Two pointers are subtracted where the verifier allows only packet pointers to be subtracted.",
     "Keep offsets as numbers."},
    {"ptr_plus_ptr", R"(R(\d+) pointer \+= pointer prohibited)", "pointer.arithmetic", Bug,
     "Two pointers are added; the sum of two addresses points nowhere.",
     "Add a number (an offset) to one pointer instead."},
    {"scalar_minus_ptr", R"(R(\d+) tried to subtract pointer from scalar)", "pointer.arithmetic", Bug,
     "A pointer is subtracted from a number; the result would be a negated address.",
     "Subtract numbers from pointers, not pointers from numbers."},
    {"pointer_offset_large", R"((\w+) pointer offset (-?\d+) is not allowed)", "pointer.arithmetic", Bug,
     "Several additions moved the pointer's constant offset to 2^29 or more (or as far below 0): the verifier refuses "
     "a pointer whose offset leaves the range it tracks, whatever is done with it later.",
     "Index with a bounded value (masked or compared) instead of accumulating large constants into the pointer."},
    {"misaligned_access", R"(misaligned (value|packet|context|sock|access)? ?access off)", "mem.misaligned", Bug,
     "The access is not aligned to its size: atomic operations always need natural alignment, and loaders that ask "
     "for strict alignment (BPF_F_STRICT_ALIGNMENT, or architectures without efficient unaligned access) need it for "
     "every load and store.",
     "Align the field to its size (reorder the struct or add padding) or use a naturally aligned type; copy unaligned "
     "bytes with __builtin_memcpy into a local first."},
    {"pointer_math_large", R"(math between (\w+) pointer and (-?\d+) is not allowed)", "pointer.arithmetic", Bug,
     "The offset added to the pointer is a constant beyond what the verifier tracks (more than 2^29 in "
     "magnitude): no object is that large.",
     "Use an offset within the object; compute large offsets as numbers and bound them first."},
    {"ptr_bitwise", R"(R(\d+) bitwise operator (.+) on pointer prohibited)", "pointer.arithmetic", Bug,
     "Bit operations on a pointer are not allowed.", "Do bit operations on offsets, then add them."},
    {"leak_into_map", R"(R(\d+) leaks addr into (map|mem|ctx|helper function))", "pointer.leak", Environment,
     "An unprivileged program may not store a kernel address where user space can read it.",
     "Store numbers, not pointers; or load the program with CAP_BPF/CAP_PERFMON."},
    {"leak_return", R"(R(\d+) leaks addr as return value)", "pointer.leak", Environment,
     "An unprivileged program returns a kernel address.", "Return a number."},
    {"ptr_comparison", R"(R(\d+) pointer comparison prohibited)", "pointer.leak", Environment,
     "Unprivileged programs may compare pointers only in the ways the kernel allows (packet bounds checks, NULL).",
     "Compare numbers, or load the program with CAP_BPF/CAP_PERFMON."},
    {"same_insn_pointers", R"(same insn cannot be used with different pointers)", "pointer.ambiguous", Bug,
     "One load or store is reached with pointers of different kinds (the context on one path, the stack or a map on "
     "another); the kernel rewrites context accesses per instruction and cannot rewrite one for two kinds.",
     "Access each kind of pointer in its own instruction (separate the paths, or copy the field first)."},
    // ----- BTF pointers
    {"btf_beyond_struct", R"(access beyond struct (\w+) at off (\d+) size (\d+))", "btf.bad_access", Bug,
     "The access through a BTF-typed pointer reaches past the end of the kernel structure.",
     "Access only fields of the structure as this kernel defines it (check the type with bpftool btf dump)."},
    {"btf_beyond_member", R"(access beyond the end of member)", "btf.bad_access", Bug,
     "The access straddles a member of a kernel structure: it starts inside one field and ends past it.",
     "Read each field with its own size."},
    {"kptr_store", R"(store to referenced kptr disallowed)", "map.kptr_access", Bug,
     "A referenced kernel pointer stored in a map must be exchanged with bpf_kptr_xchg, not stored directly (the old "
     "reference would leak).",
     "Use old = bpf_kptr_xchg(&v->field, new) and release old."},
    // ----- helpers, kfuncs and their arguments
    {"helper_arg_type", R"(R(\d+) type=(\w+) expected=)", "helper.arg_type", Bug,
     "A helper or kfunc argument has the wrong kind of value: the prototype expects the kinds listed after "
     "expected=, the register holds the one after type= (scalar: a number, or a pointer already released or not "
     "NULL-checked; fp: a stack pointer).",
     "Pass what the prototype asks: a map for map arguments, a NULL-checked pointer, a stack buffer for "
     "ARG_PTR_TO_MEM ..."},
    {"helper_packet_access", R"(helper access to the packet is not allowed)", "helper.arg_type", Bug,
     "A packet pointer is passed to a helper whose prototype does not take one: only the map helpers, "
     "bpf_csum_diff, the socket lookups and the syncookie helpers read or write the packet through a pointer "
     "argument (their protos set pkt_access), and no helper does in sock_ops programs.",
     "Copy the bytes to the stack (or read them with bpf_skb_load_bytes / bpf_xdp_load_bytes) and pass the stack "
     "buffer."},
    {"not_known_constant", R"(R(\d+) is not a known constant)", "helper.arg_type", Bug,
     "This argument must be a constant the verifier knows (the size of a ring buffer reservation, a flags value).",
     "Pass a compile-time constant, e.g. sizeof(struct event)."},
    {"dynptr_uninit", R"(Expected an initialized dynptr as arg #(\d+))", "helper.arg_type", Bug,
     "The argument is not a dynptr that a helper initialised on this path.",
     "Initialise the dynptr with bpf_dynptr_from_mem/bpf_ringbuf_reserve_dynptr first, and pass its stack address."},
    {"dynptr_overwrite_referenced", R"(cannot overwrite referenced dynptr)", "ref.dynptr_overwrite", Bug,
     "A store (or a helper or kfunc initialising a dynptr) covers the stack slots of a ring-buffer dynptr, whose "
     "reservation would be lost.",
     "Submit or discard the dynptr (bpf_ringbuf_submit_dynptr/bpf_ringbuf_discard_dynptr) before reusing its "
     "stack slots, or use another variable."},
    {"dynptr_from_mem_source", R"(Unsupported reg type (\w+) for bpf_dynptr_from_mem data)", "helper.arg_type", Bug,
     "bpf_dynptr_from_mem takes map value memory only (a map lookup's result or a global variable), not the stack "
     "or other memory.",
     "Put the data in a map value or a global variable and pass a pointer into it."},
    {"iter_uninit", R"(expected an initialized iter_(\w+) as arg #(\d+))", "helper.arg_type", Bug,
     "The open-coded iterator passed to next or destroy was not created by bpf_iter_<type>_new on this path, or "
     "was destroyed already, or its stack slots were overwritten.",
     "Create it with bpf_iter_<type>_new (bpf_for/bpf_repeat do), destroy it once, and do not write into it."},
    {"iter_outside_rcu", R"(expected an RCU CS when using (\w+))", "ref.rcu_lock", Bug,
     "An iterator over tasks or cgroups (bpf_iter_task, bpf_iter_css) is usable only inside an RCU read section: "
     "it was created outside one (a sleepable program is outside unless it called bpf_rcu_read_lock), or kept "
     "past bpf_rcu_read_unlock.",
     "Call bpf_rcu_read_lock before the iterator's new and bpf_rcu_read_unlock after its destroy, with no unlock "
     "in the loop body."},
    {"rcu_protected_outside_rcu", R"(kernel func (\w+) requires RCU critical section protection)", "ref.rcu_lock", Bug,
     "The kfunc (an iterator over tasks or cgroups, bpf_iter_task_new or bpf_iter_css_new) may only be called "
     "inside an RCU read section, and a sleepable program is outside one unless it called bpf_rcu_read_lock.",
     "Call bpf_rcu_read_lock before the call and bpf_rcu_read_unlock after the iterator's destroy."},
    {"iter_live", R"(expected uninitialized iter_(\w+) as arg #(\d+))", "helper.arg_type", Bug,
     "bpf_iter_<type>_new is called on stack slots that still hold a live iterator.",
     "Destroy the iterator (bpf_iter_<type>_destroy) before creating another in the same variable."},
    {"map_type_into_func", R"(cannot pass map_type (\d+) into func (\w+)#(\d+))", "helper.map_type", Bug,
     "The helper does not work with this map type (map_type numbers are enum bpf_map_type: 1 hash, 2 array, 4 "
     "perf event array, 27 ring buffer ...).",
     "Use the helper that matches the map, or change the map's type."},
    {"tail_call_map", R"(expected prog array map for tail call)", "helper.map_type", Bug,
     "bpf_tail_call needs a BPF_MAP_TYPE_PROG_ARRAY map.", "Declare the map as BPF_MAP_TYPE_PROG_ARRAY."},
    {"helper_not_for_type", R"(program of this type cannot use helper (\w+)#(\d+))", "helper.not_for_type", Environment,
     "The helper exists but is not available to this program type (its get_func_proto does not offer it).",
     "Use a helper this program type has, or a program type (section name) that has this helper."},
    {"sleepable_helper", R"(helper call might sleep in a non-sleepable prog)", "helper.not_for_type", Environment,
     "The helper may sleep (bpf_copy_from_user, bpf_ima_inode_hash, ...) and the program is not sleepable: only "
     "programs loaded with BPF_F_SLEEPABLE, which libbpf sets for its \".s\" sections and syscall programs, may "
     "call it.",
     "Load the program as sleepable (SEC(\"fentry.s/...\"), \"lsm.s/...\", \"uprobe.s\", ...), or read user "
     "memory with bpf_probe_read_user()."},
    {"sleepable_kfunc", R"(program must be sleepable to call sleepable kfunc (\w+))", "helper.not_for_type",
     Environment,
     "The kfunc is KF_SLEEPABLE and the program is not sleepable (libbpf loads only its \".s\" sections and "
     "syscall programs with BPF_F_SLEEPABLE).",
     "Load the program as sleepable (a \".s\" section), or use a kfunc or helper that does not sleep."},
    {"dev_bound_kfunc", R"(metadata kfuncs require device-bound program)", "helper.not_for_type", Environment,
     "The XDP metadata kfuncs (bpf_xdp_metadata_rx_*) are resolved per network device, so only a program loaded for "
     "one device may call them; an object alone does not say which device.",
     "Load the program device-bound: bpf_program__set_ifindex() and BPF_F_XDP_DEV_BOUND_ONLY before loading."},
    {"const_str_writable", R"(R(\d+) does not point to a readonly map')", "helper.arg_type", Bug,
     "The string argument (bpf_strncmp's target, bpf_snprintf's format) must be constant: in a read-only map such as "
     ".rodata, which libbpf freezes; this one is in .data, .bss or another writable map.",
     "Declare the string const (a `const char[]` global or a literal) so that it lands in .rodata."},
    {"const_str_unterminated", R"(string is not zero-terminated)", "helper.arg_type", Bug,
     "The constant string has no NUL byte between the pointer and the end of its map value.",
     "End the string with a NUL byte (a string literal has one; a char array initialised element by element does "
     "not)."},
    {"graph_root_not_found", R"((bpf_list_head|bpf_rb_root) not found at offset=(\d+))", "helper.arg_type", Bug,
     "The bpf_list_* or bpf_rbtree_* kfunc is given a pointer to the map value (or object) at an offset where its BTF "
     "declares no bpf_list_head / bpf_rb_root.",
     "Pass the address of the root field itself (&glob_root), without arithmetic."},
    {"struct_ops_unsupported_member", R"(attach to unsupported member (\w+) of struct (\w+))", "type.attach_target",
     Environment,
     "The struct_ops program implements a callback that the kernel does not let BPF implement (it has no stub for "
     "it, e.g. tcp_congestion_ops.get_info), or that this kernel's struct_ops type refuses for this program.",
     "Leave the callback out of the struct the object defines."},
    {"helper_unknown", R"(invalid func unknown#(\d+))", "helper.unknown", Environment,
     "The helper number is not known to this kernel: the helper is newer than the kernel, or the number is wrong (a "
     "libbpf poison value 195896080 means a failed CO-RE relocation).",
     "Run on a kernel that has the helper, or detect it at load time (bpf_core_enum_value_exists / "
     "libbpf_probe_bpf_helper) and take another path."},
    {"gpl_only", R"(cannot call GPL-restricted function from non-GPL compatible program)", "helper.gpl_only",
     Environment, "The helper or kfunc is GPL-only and the program's license is not GPL-compatible.",
     "Declare a GPL-compatible license: char LICENSE[] SEC(\"license\") = \"GPL\"; (or \"Dual BSD/GPL\")."},
    {"kernel_struct_non_gpl", R"(Cannot access kernel '([^']+)' from non-GPL compatible program)", "btf.gpl_only",
     Environment,
     "The program reads or writes a kernel structure through a BTF pointer (a tp_btf/fentry argument, a task "
     "pointer, ...) and its license is not GPL-compatible; since Linux 6.2 the kernel allows that only to GPL "
     "programs.",
     "Declare a GPL-compatible license: char LICENSE[] SEC(\"license\") = \"GPL\"; (or \"Dual BSD/GPL\"), or read "
     "the memory with bpf_probe_read_kernel."},
    {"release_unreferenced", R"(R(\d+) must be referenced when passed to release function)", "ref.release_unacquired",
     Bug,
     "The pointer passed to a release function was not acquired by this program (e.g. skb->sk), so it holds no "
     "reference to release.",
     "Release only what bpf_sk_lookup_*, bpf_ringbuf_reserve, bpf_task_acquire ... returned."},
    {"kfunc_release_unreferenced", R"(release kernel function (\w+) expects refcounted PTR_TO_BTF_ID)",
     "ref.release_unacquired", Bug, "The kfunc releases a reference, and the pointer passed holds none.",
     "Pass a pointer from the matching acquire kfunc."},
    {"kfunc_not_allowed", R"(calling kernel function (\w+) is not allowed)", "helper.not_for_type", Environment,
     "This kernel function is not registered for this program type (kfuncs are allowed per program type: task and "
     "cgroup kfuncs for tracing, LSM, struct_ops and syscall programs; dynptr-from-skb for networking types; ...), "
     "or this kernel does not have it for programs at all.",
     "Call it from a program type the kfunc is registered for (see the kernel's register_btf_kfunc_id_set() calls), "
     "or use a helper this program type has.",
     0, false},
    {"kfunc_trusted_null", R"(Possibly NULL pointer passed to trusted arg(\d+))", "null.deref", Bug,
     "A kfunc that takes trusted arguments is given a pointer that may be NULL: it came from a kfunc or lookup that "
     "can fail (KF_RET_NULL) and was not compared with NULL on this path.",
     "Compare the pointer with NULL before passing it (if (!p) return 0;).", 0, false},
    {"helper_btf_struct", R"(R(\d+) is of type (\w+) but (\w+) is expected)", "helper.arg_type", Bug,
     "A helper argument that must point to a given kernel struct (ARG_PTR_TO_BTF_ID: a task_struct, a cgroup, an "
     "inode ...) is given a pointer to another struct, which neither is nor begins with the one expected.",
     "Pass a pointer of the struct the helper names (e.g. task->cgroups->dfl_cgrp for a cgroup, not the task).", 0,
     false},
    {"kfunc_untrusted_arg", R"(R(\d+) must be (referenced or trusted|a rcu pointer))", "helper.arg_type", Bug,
     "A kfunc that takes only trusted (KF_TRUSTED_ARGS) or RCU-protected (KF_RCU) pointers is given an untrusted one: "
     "bpf_rdonly_cast's (bpf_core_cast's) result, or a pointer read through one, which may only be read.",
     "Pass the trusted pointer the cast was made from, or one the kernel hands over trusted (an acquired reference, "
     "bpf_get_current_task_btf, a tp_btf or iterator argument).",
     0, false},
    {"kfunc_release_offset", R"(R(\d+) must have zero offset when passed to release func)", "ref.release_offset", Bug,
     "A release kfunc or trusted argument is given a pointer into the middle of the object (a field's address, or the "
     "pointer moved by arithmetic), not the object the reference was taken on.",
     "Pass the pointer the acquire returned, unmodified; compute field addresses in another register.", 0, false},
    {"local_storage_flags", R"(get_local_storage\(\) doesn't support non-zero flags)", "helper.arg_type", Bug,
     "bpf_get_local_storage() takes flags 0; other values are reserved.", "Pass 0 as the flags argument.", 0, false},
    // ----- references and locks
    {"reference_leak", R"(BPF_EXIT instruction (in main prog )?would lead to reference leak)", "ref.leak", Bug,
     "The program can exit while holding a reference it acquired (a socket from bpf_sk_lookup_*, a ring buffer "
     "record, a task) on some path.",
     "Release (bpf_sk_release, bpf_ringbuf_submit/discard, ..._release) on every path before returning."},
    {"tail_call_leak", R"(tail_call would lead to reference leak)", "tailcall.reference_leak", Bug,
     "A tail call happens while a reference is held; the callee cannot release it.",
     "Release references before bpf_tail_call."},
    {"lock_calls", R"(function calls are not allowed while holding a lock)", "ref.lock_held", Bug,
     "Between bpf_spin_lock and bpf_spin_unlock only a few helpers may be called; this call is not one of them (or "
     "the lock is taken twice).",
     "Call helpers after bpf_spin_unlock; keep the critical section to loads and stores."},
    {"preempt_exit", R"(BPF_EXIT instruction (in main prog )?cannot be used inside bpf_preempt_disable-ed region)",
     "ref.preempt", Bug, "The program can return between bpf_preempt_disable() and bpf_preempt_enable().",
     "Call bpf_preempt_enable() on every path before returning, once per bpf_preempt_disable().", 0, false},
    {"legacy_load_reference", R"(BPF_LD_\[ABS\|IND\] would lead to reference leak)", "ref.leak", Bug,
     "A legacy packet load (BPF_LD_ABS/IND, load_byte/half/word) runs while the program holds a reference (a socket "
     "from bpf_sk_lookup_*, a ring buffer record): such a load ends the program when it reads past the packet, and "
     "the reference would never be released.",
     "Read the packet before acquiring the reference, or use direct packet access or bpf_skb_load_bytes(), which "
     "return instead of ending the program.",
     0, false},
    {"lock_legacy_load", R"(BPF_LD_\[ABS\|IND\] cannot be used inside bpf_spin_lock-ed region)", "ref.lock_held", Bug,
     "A legacy packet load (BPF_LD_ABS/IND, load_byte/half/word) runs while a bpf_spin_lock is held: such a load can "
     "end the program (out-of-packet read returns 0 from the program) with the lock still taken.",
     "Read the packet before taking the lock, or with direct packet access or bpf_skb_load_bytes().", 0, false},
    {"lock_direct_access", R"(bpf_spin_lock cannot be accessed directly by load/store)", "map.special_field", Bug,
     "A load or store touches the bytes of a struct bpf_spin_lock in a map value: the lock may only be used through "
     "bpf_spin_lock()/bpf_spin_unlock().",
     "Read and write the other fields of the value; never copy or inspect the lock itself (copy fields one by one "
     "instead of the whole struct)."},
    {"lock_not_for_type", R"((\w+) progs cannot use (bpf_\w+) yet)", "helper.not_for_type", Environment,
     "This program type cannot use bpf_spin_lock (or bpf_timer, bpf_wq) in map values: tracing and socket filter "
     "programs may run where taking the lock could deadlock.",
     "Use atomic operations (__sync_fetch_and_add) or per-CPU maps for counters in tracing programs, or move the "
     "locked update to a program type that allows it.",
     0, false},
    {"lock_exit", R"(BPF_EXIT instruction (in main prog )?cannot be used inside bpf_spin_lock-ed region)",
     "ref.lock_held", Bug, "The program can return while holding a bpf_spin_lock.",
     "Unlock on every path before returning."},
    {"throw_in_rcu", R"(bpf_throw cannot be used inside bpf_rcu_read_lock-ed region)", "ref.rcu_lock", Bug,
     "bpf_throw exits the whole program, from whatever function throws, and a bpf_rcu_read_lock section is open "
     "there (here or in a caller): it would never be closed.",
     "Call bpf_rcu_read_unlock before throwing, or return an error and throw after the section."},
    {"throw_in_preempt", R"(bpf_throw cannot be used inside bpf_preempt_disable-ed region)", "ref.preempt", Bug,
     "bpf_throw exits the whole program while preemption is disabled (here or in a caller).",
     "Call bpf_preempt_enable before throwing."},
    // ----- exception callbacks (__exception_cb)
    {"exception_cb_direct", R"(insn (\d+) cannot call exception cb directly)", "call.exception_callback", Bug,
     "The program's exception callback runs only when the program throws; calling it as a function is refused.",
     "Move the shared code into another function that both call.", 1},
    {"exception_cb_multiple", R"(multiple exception callback tags for main subprog)", "call.exception_callback", Bug,
     "The program carries more than one __exception_cb() tag; it may have one exception callback.",
     "Keep one __exception_cb() on the program."},
    {"exception_cb_not_appended", R"(exception callback type id not found in func_info)", "call.exception_callback",
     Environment,
     "The program names an exception callback, but the loader did not append its code to the program: libbpf "
     "appends it from version 1.3 on.",
     "Load the object with libbpf 1.3 or later (or a loader that appends the exception callback).", 0, false},
    {"unlock_without_lock", R"(bpf_spin_unlock without taking a lock)", "ref.lock_not_held", Bug,
     "bpf_spin_unlock on a path where no lock is held.", "Unlock only after bpf_spin_lock on the same path."},
    {"unlock_different", R"(bpf_spin_unlock of different lock)", "ref.lock_not_held", Bug,
     "The lock being released is not the one held.", "Unlock the same map value's lock that was locked."},
    // ----- calls, stack depth, exits
    {"global_func_args", R"(Caller passes invalid args into func#(\d+))", "call.global_arg", Bug,
     "A global (non-static) function is verified once, on its own, from the types of its BTF prototype; this call "
     "passes an argument that does not fit that prototype (a different context type, a pointer of the wrong kind, "
     "or the function's return type is void where a value is used).",
     "Make the argument match the prototype, or make the function static so that it is verified with each caller's "
     "actual arguments."},
    {"recursion", R"(the call stack of (\d+) frames is too deep !)", "cfg.recursion", Bug,
     "Functions call each other (or themselves) without a bound the kernel accepts: BPF programs may not recurse.",
     "Replace recursion with a bounded loop."},
    {"call_depth", R"(the call stack of (\d+) frames is too deep)", "call.depth", KernelLimit,
     "The chain of BPF-to-BPF calls is deeper than the kernel's 8 frames.",
     "Inline some functions (static __always_inline) to flatten the call chain."},
    {"combined_stack", R"(combined stack size of (\d+) calls is (\d+)\. Too large)", "call.stack_depth", KernelLimit,
     "The stack frames of a chain of calls add up to more than 512 bytes (each frame rounded up to a multiple of "
     "32 bytes).",
     "Move large buffers to a per-CPU array map, or shrink the frames along the chain."},
    {"tail_call_stack", R"(tail_calls are not allowed when call stack of previous frames is (\d+) bytes\. Too large)",
     "tailcall.stack_depth", KernelLimit,
     "With tail calls in a subprogram, the caller frames' stack is limited to 256 bytes.",
     "Shrink the frames above the subprogram that does the tail call, or do the tail call from the main program."},
    {"exit_range", R"(At program exit the register R(\d+) has)", "exit.return_range", Bug,
     "The program type allows only certain return values (for cgroup programs 0 or 1, for iterators 0 or 1 ...) and "
     "R0 may be outside that range here.",
     "Return only the values this program type allows (e.g. 1 to allow, 0 to deny)."},
    {"callback_exit_range", R"(At (async )?callback return the register R(\d+) has)", "exit.return_range", Bug,
     "The callback returns a value outside the range its caller allows (bpf_loop callbacks 0 or 1, timer callbacks "
     "0).",
     "Return only the allowed values from the callback."},
    // ----- control flow and budgets
    {"last_insn_not_exit", R"(last insn is not an exit or jmp)", "cfg.unreachable", Bug,
     "The program's last instruction could fall through past the end: it is neither an exit nor a jump (often a "
     "64-bit immediate load cut in half, or code generation that ends in a call).",
     "End every function with an exit (return) or a jump back."},
    {"exit_not_known", R"(At program exit the register R(\d+) is not a known value \((\w+)\))", "exit.return_range",
     Bug,
     "The program returns something that is not a number (a pointer, shown in parentheses) where its type needs a "
     "return value in a fixed range.",
     "Return a constant of the allowed range, not a pointer."},
    {"stack_variable_unpriv", R"(R(\d+) variable stack access prohibited for !root)", "pointer.arithmetic", Environment,
     "Without CAP_PERFMON a program may access the stack only at constant offsets (Spectre mitigation).",
     "Use a constant index (unroll), move the array to a map, or load with CAP_BPF and CAP_PERFMON."},
    {"unreachable", R"(unreachable insn (\d+))", "cfg.unreachable", Bug,
     "An instruction no path reaches: the kernel refuses dead code.",
     "Remove the dead code (usually an assembly or code-generation problem).", 1},
    {"jump_out_of_range", R"(jump out of range from insn (\d+) to (-?\d+))", "cfg.unreachable", Bug,
     "A jump targets an instruction outside the program.", "Fix the jump offset.", 1},
    {"infinite_loop", R"(infinite loop detected at insn (\d+))", "loop.infinite", Bug,
     "The verifier came back to an instruction in exactly the same state: the loop makes no progress.",
     "Make the loop variable change on every iteration and bound it.", 1},
    {"too_large", R"(BPF program is too large\. Processed (\d+) insn)", "loop.kernel_budget", KernelLimit,
     "The verifier walked 1 million instructions without finishing: a loop it cannot prove bounded makes it walk "
     "every iteration, or there are too many paths.",
     "Bound loops with a constant the verifier sees, use bpf_loop() or open-coded iterators (bpf_for), or split the "
     "program with tail calls."},
    {"jumps_too_complex", R"(The sequence of (\d+) jumps is too complex)", "loop.kernel_budget", KernelLimit,
     "The verifier keeps more than 8192 pending branches: too many paths are explored at once (often a loop with a "
     "branch in its body, or may_goto without an exit).",
     "Reduce branching in loops, bound them, or use bpf_loop()."},
    {"div_by_zero", R"(div by zero)", "div.by_zero", Bug, "Division or modulo by a constant zero.",
     "Divide by a non-zero constant, or check the divisor."},
    // ----- instructions and the environment
    {"unknown_opcode", R"(unknown opcode ([0-9a-fx]+))", "isa.unavailable", Environment,
     "The instruction is not known to this kernel (newer ISA: cpu v4 sign extension, 32-bit jumps before 5.1 ...).",
     "Compile for an older ISA (-mcpu=v1/v2/v3) or run on a newer kernel."},
    {"invalid_ld_imm", R"(invalid (BPF_LD_IMM|bpf_ld_imm64) insn)", "isa.unavailable", Bug,
     "A 64-bit immediate load (two instructions) is malformed or split.", "Fix the code generator or relocations."},
    {"reserved_fields", R"(BPF_(\w+) uses reserved fields)", "isa.unavailable", Bug,
     "An instruction has non-zero bits in fields that must be zero.", "Fix the code generator."},
    {"ld_imm_map_fd", R"(fd (\d+) is not pointing to valid bpf_map)", "map.no_map", Environment,
     "A map reference points to no map: the loader did not create or relocate it.",
     "Load the program with libbpf (or your loader) so the map fds are patched in."},
    {"ksym_no_address", R"(ldimm64 failed to find the address for kernel symbol '(\w+)')", "ksym.unavailable",
     Environment,
     "The program takes the address of a kernel variable (a typed __ksym) that this kernel's symbol table does not "
     "list: kernels built without CONFIG_KALLSYMS_ALL list functions, not per-CPU or other data.",
     "Run on a kernel built with CONFIG_KALLSYMS_ALL, or read the value another way (a helper or kfunc that returns "
     "it)."},
};

}  // namespace

std::span<const CatalogEntry> catalog() {
    return kEntries;
}

}  // namespace bpfcheck::explain
