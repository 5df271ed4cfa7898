# case: two paths fill two different 16-byte keys on the stack (at fp-16 and fp-32) and share one bpf_map_delete_elem whose key is either (clang merges the calls: retina's conntrack, a forward and a reverse key): the kernel walks each path with its own constant pointer and accepts; a join of the two pointers (fp-32..fp-16) would ask for all 32 bytes, half of them never written on either path
# kernel: accept
# expect: pass
        .section socket,"ax"
        .globl  prog
        .type   prog,@function
prog:
        r1 = *(u32 *)(r1 + 0)           # skb->len
        r3 = 0
        if r1 > 64 goto reverse
        *(u32 *)(r10 - 16) = r3         # forward key, written in 4-byte fields
        *(u32 *)(r10 - 12) = r3
        *(u32 *)(r10 - 8) = r3
        *(u32 *)(r10 - 4) = r3
        r2 = r10
        r2 += -16
        goto delete
reverse:
        *(u32 *)(r10 - 32) = r3         # reverse key
        *(u32 *)(r10 - 28) = r3
        *(u32 *)(r10 - 24) = r3
        *(u32 *)(r10 - 20) = r3
        r2 = r10
        r2 += -32
delete:
        r1 = conntrack ll
        call 3                          # bpf_map_delete_elem
        r0 = 0
        exit
        .size   prog, .-prog

        .section maps,"aw"
        .globl conntrack
        .type conntrack,@object
conntrack:
        .long 1, 16, 8, 64, 0           # BPF_MAP_TYPE_HASH, key 16, value 8, 64 entries
        .size conntrack, 20

        .section license,"aw"
        .asciz  "GPL"
