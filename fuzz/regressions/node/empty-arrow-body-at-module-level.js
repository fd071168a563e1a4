exports.handler = async () => {};
const f = () => ;
f();
