// The upload page's drop zone. Browsers give a dropped folder to a file input as one unreadable entry, so the drop is
// taken here: folders are walked (every file at any depth), and the files are handed to the page's file input as if
// chosen in its picker, which streams them to the server like any other selection.

async function filesOf(entry, out) {
    if (entry.isFile) {
        out.push(await new Promise((resolve, reject) => entry.file(resolve, reject)));
        return;
    }

    const reader = entry.createReader();
    // readEntries answers in batches (100 in Chromium) until it answers none.
    for (;;) {
        const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) {
            return;
        }

        for (const child of batch) {
            await filesOf(child, out);
        }
    }
}

export function attach(zone, input) {
    const over = on => zone.classList.toggle('upload-drop--over', on);
    zone.addEventListener('dragover', e => {
        e.preventDefault();
        over(true);
    });
    zone.addEventListener('dragleave', e => {
        if (!zone.contains(e.relatedTarget)) {
            over(false);
        }
    });
    zone.addEventListener('drop', async e => {
        e.preventDefault();
        over(false);
        if (input.disabled) {
            return;
        }

        // Entries must be taken before the first await: the drop's data is gone once the handler yields.
        const entries = [...e.dataTransfer.items].filter(i => i.kind === 'file').map(i => i.webkitGetAsEntry?.() ?? i.getAsFile());
        const files = [];
        for (const entry of entries) {
            if (entry instanceof File) {
                files.push(entry);
            } else if (entry) {
                await filesOf(entry, files);
            }
        }

        const transfer = new DataTransfer();
        files.forEach(f => transfer.items.add(f));
        input.files = transfer.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
    });
}
