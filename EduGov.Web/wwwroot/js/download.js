// Saves bytes the circuit streams to the browser as a file, for lists made on the page (an import's refused rows).
window.eduGov = window.eduGov || {};
window.eduGov.download = async (fileName, streamRef) => {
    const url = URL.createObjectURL(new Blob([await streamRef.arrayBuffer()]));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    link.click();
    URL.revokeObjectURL(url);
};
