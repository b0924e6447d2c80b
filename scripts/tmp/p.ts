import { parsePhone, telHref } from '../../src/components/phones/index.js';
for (const s of ['062) 522-2000','010.2345.6789','(062)973-5555','1588-3082','070-8765-4321','02-123-4567','0507-1234-5678','Tel. 010-9984-0151','1234-5678','+82 62 522 2000','062-522-2000 내선 12','0625222000']) { const p = parsePhone(s); console.log(s, p, p && telHref(p)); }
