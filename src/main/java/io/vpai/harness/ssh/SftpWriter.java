package io.vpai.harness.ssh;

import io.vpai.harness.environment.SshEndpoint;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;

import java.io.IOException;
import java.util.EnumSet;

import static io.vpai.harness.ssh.SshText.firstLine;

/** Files written over one connection's SFTP channel, opened on the first write and kept until {@link #close}. */
final class SftpWriter {
    private static final int CHUNK = 32 * 1024;

    private final SSHClient client;
    private final SshEndpoint endpoint;
    private SFTPClient sftp;

    SftpWriter(SSHClient client, SshEndpoint endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    /** Writes {@code content} to {@code path} with {@code mode}, creating the parent folders. */
    synchronized void write(String path, byte[] content, int mode) {
        try {
            SFTPClient files = sftp();
            int slash = path.lastIndexOf('/');
            if (slash > 0) {
                files.mkdirs(path.substring(0, slash));
            }
            FileAttributes permissions = new FileAttributes.Builder().withPermissions(mode).build();
            try (RemoteFile file = files.open(path, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC),
                    permissions)) {
                // An existing file keeps its old mode on open; narrow it before the first byte lands.
                file.setAttributes(permissions);
                for (int offset = 0; offset < content.length; offset += CHUNK) {
                    file.write(offset, content, offset, Math.min(CHUNK, content.length - offset));
                }
            }
        } catch (IOException e) {
            throw new SshException(endpoint + ": cannot write " + path + " over SFTP: " + firstLine(e.getMessage()), e);
        }
    }

    private SFTPClient sftp() throws IOException {
        if (sftp == null) {
            sftp = client.newSFTPClient();
        }
        return sftp;
    }

    synchronized void close() {
        if (sftp != null) {
            try {
                sftp.close();
            } catch (IOException ignored) {
                // the connection goes next
            }
        }
    }
}
