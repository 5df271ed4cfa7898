# case: a pointer spilled at r10-24 is a map value on some paths and a stack buffer on the others (Cilium's snat_v4_nat_handle_mapping: state = the NAT entry or tmp), then 32 paths (five flags in registers) meet before it is filled and read: past the 32 parts a program point keeps, the fold joins parts that differ in the flags (ranges), never a map value with a stack pointer (no kind: the read would be refused), as the kernel walks the paths apart
# kernel: accept
# expect: pass
        .section "tc","ax"
        .globl  prog
        .type   prog,@function
prog:
        call 7
        r5 = r0
        r1 = 0
        *(u64 *)(r10 - 16) = r1
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
        r0 = *(u32 *)(r1 + 0)
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
        .zero 16
        .section license,"aw"
        .ascii  "GPL\0"
