# case: spilled_map_or_stack_pointer_many_paths reading at offset 8 of an 8-byte value: in the stack buffer, past the map value; the kernel refuses the read on the map value's paths
# kernel: reject
# expect: map.bounds @ insn 27
        .section "tc","ax"
        .globl  prog
        .type   prog,@function
prog:
        call 7
        r5 = r0
        r1 = 0
        *(u64 *)(r10 - 16) = r1
        *(u64 *)(r10 - 8) = r1
        r1 = buf ll
        if r5 & 1 goto spill
        r1 = r10
        r1 += -16
spill:
        *(u64 *)(r10 - 24) = r1
        r2 = 0
        if r5 & 2 goto a1
        r2 = 1
a1:
        r3 = 0
        if r5 & 4 goto a2
        r3 = 1
a2:
        r4 = 0
        if r5 & 8 goto a3
        r4 = 1
a3:
        r6 = 0
        if r5 & 16 goto a4
        r6 = 1
a4:
        r7 = 0
        if r5 & 32 goto a5
        r7 = 1
a5:
        r1 = *(u64 *)(r10 - 24)
        r0 = *(u32 *)(r1 + 8)
        r0 += r2
        r0 += r3
        r0 += r4
        r0 += r6
        r0 += r7
        r0 &= 1
        exit
        .size   prog, .-prog

        .section .bss,"aw",@nobits
        .globl  buf
        .p2align 3
buf:
        .zero 8
        .section license,"aw"
        .ascii  "GPL\0"
